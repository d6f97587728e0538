ALTER TABLE "members" DROP CONSTRAINT "members_status_check";--> statement-breakpoint
DROP INDEX "members_user_key";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "terms_version" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "terms_accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "id_consent_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "members_user_key" ON "members" USING btree ("user_id") WHERE "members"."status" not in ('rejected','left');--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_status_check" CHECK ("members"."status" in ('pending','active','rejected','suspended','left'));