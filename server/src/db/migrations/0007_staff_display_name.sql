ALTER TABLE "staff_roles" ADD COLUMN "display_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Staff granted before this column existed keep the name their account shows today.
UPDATE "staff_roles" r SET "display_name" = u."display_name" FROM "users" u WHERE u."id" = r."user_id";
