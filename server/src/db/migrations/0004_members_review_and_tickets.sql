CREATE TABLE "used_tickets" (
	"ticket_hash" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "members" DROP CONSTRAINT "members_status_check";--> statement-breakpoint
DROP INDEX "members_user_key";--> statement-breakpoint
DROP INDEX "members_id_number_key";--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "id_conflict" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "rejection_reason" text;--> statement-breakpoint
CREATE INDEX "members_id_number_idx" ON "members" USING btree ("id_number_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "members_user_key" ON "members" USING btree ("user_id") WHERE "members"."status" <> 'rejected';--> statement-breakpoint
CREATE UNIQUE INDEX "members_id_number_key" ON "members" USING btree ("id_number_hash") WHERE "members"."status" in ('active','suspended');--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_status_check" CHECK ("members"."status" in ('pending','active','rejected','suspended'));