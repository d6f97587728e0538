CREATE TABLE "wish_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"adoption_id" uuid NOT NULL,
	"sender" text NOT NULL,
	"sender_user_id" uuid NOT NULL,
	"body" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "wish_messages_sender_check" CHECK ("wish_messages"."sender" in ('wisher','donor')),
	CONSTRAINT "wish_messages_body_check" CHECK (char_length("wish_messages"."body") between 1 and 300)
);
--> statement-breakpoint
ALTER TABLE "wish_adoptions" ADD COLUMN "wisher_contact_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "wish_adoptions" ADD COLUMN "donor_contact_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "subscribe_outbox" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "wish_messages" ADD CONSTRAINT "wish_messages_adoption_id_wish_adoptions_id_fk" FOREIGN KEY ("adoption_id") REFERENCES "public"."wish_adoptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_messages" ADD CONSTRAINT "wish_messages_sender_user_id_users_id_fk" FOREIGN KEY ("sender_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "wish_messages_adoption_idx" ON "wish_messages" USING btree ("adoption_id","id");