CREATE TABLE "donor_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"enterprise_name" text,
	"contact_name" text,
	"contact_phone" text,
	"licence_no" text,
	"licence_status" text DEFAULT 'none' NOT NULL,
	"licence_note" text,
	"licence_reviewed_by" uuid,
	"licence_reviewed_at" timestamp with time zone,
	"show_name" boolean DEFAULT true NOT NULL,
	"adoption_cap" integer NOT NULL,
	"active_adoptions" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "donor_profiles_active_check" CHECK ("donor_profiles"."active_adoptions" >= 0 and "donor_profiles"."active_adoptions" <= "donor_profiles"."adoption_cap"),
	CONSTRAINT "donor_profiles_licence_check" CHECK ("donor_profiles"."licence_status" in ('none','pending','verified','rejected'))
);
--> statement-breakpoint
CREATE TABLE "wish_adoptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"wish_id" uuid NOT NULL,
	"donor_user_id" uuid NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"adopted_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"released_at" timestamp with time zone,
	"released_by" text,
	CONSTRAINT "wish_adoptions_status_check" CHECK ("wish_adoptions"."status" in ('active','delivered','completed','released'))
);
--> statement-breakpoint
CREATE TABLE "wish_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"wish_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "wishes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"union_id" uuid NOT NULL,
	"union_path" text NOT NULL,
	"filed_by" uuid,
	"category" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"story_enc" text NOT NULL,
	"public_title" text,
	"public_story" text,
	"value_fen" integer NOT NULL,
	"wished_by" date NOT NULL,
	"status" text NOT NULL,
	"review_note" text,
	"published_at" timestamp with time zone,
	"thanks_message" text,
	"thanked_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "wishes_status_check" CHECK ("wishes"."status" in ('draft','submitted','changes_requested','published','adopted','delivered','handed_over','received','thanked','rejected','withdrawn','expired')),
	CONSTRAINT "wishes_value_check" CHECK ("wishes"."value_fen" > 0),
	CONSTRAINT "wishes_public_check" CHECK ("wishes"."status" in ('draft','submitted','changes_requested','rejected','withdrawn') or ("wishes"."public_title" is not null and "wishes"."public_story" is not null))
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link_page" text,
	"link_id" uuid,
	"dedupe_key" text,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "subscribe_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"template" text NOT NULL,
	"page" text NOT NULL,
	"data" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "donor_profiles" ADD CONSTRAINT "donor_profiles_user_id_donors_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."donors"("user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donor_profiles" ADD CONSTRAINT "donor_profiles_licence_reviewed_by_users_id_fk" FOREIGN KEY ("licence_reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_adoptions" ADD CONSTRAINT "wish_adoptions_wish_id_wishes_id_fk" FOREIGN KEY ("wish_id") REFERENCES "public"."wishes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_adoptions" ADD CONSTRAINT "wish_adoptions_donor_user_id_users_id_fk" FOREIGN KEY ("donor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_events" ADD CONSTRAINT "wish_events_wish_id_wishes_id_fk" FOREIGN KEY ("wish_id") REFERENCES "public"."wishes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_events" ADD CONSTRAINT "wish_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wishes" ADD CONSTRAINT "wishes_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wishes" ADD CONSTRAINT "wishes_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wishes" ADD CONSTRAINT "wishes_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscribe_outbox" ADD CONSTRAINT "subscribe_outbox_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "wish_adoptions_one_live_key" ON "wish_adoptions" USING btree ("wish_id") WHERE "wish_adoptions"."status" in ('active','delivered');--> statement-breakpoint
CREATE INDEX "wish_adoptions_donor_idx" ON "wish_adoptions" USING btree ("donor_user_id","adopted_at");--> statement-breakpoint
CREATE INDEX "wish_adoptions_due_idx" ON "wish_adoptions" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "wish_events_wish_idx" ON "wish_events" USING btree ("wish_id","id");--> statement-breakpoint
CREATE INDEX "wishes_union_path_idx" ON "wishes" USING btree ("union_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "wishes_status_idx" ON "wishes" USING btree ("status","wished_by");--> statement-breakpoint
CREATE INDEX "wishes_member_idx" ON "wishes" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE INDEX "notices_user_idx" ON "notices" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notices_unread_idx" ON "notices" USING btree ("user_id") WHERE "notices"."read_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "notices_dedupe_key" ON "notices" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "subscribe_outbox_pending_idx" ON "subscribe_outbox" USING btree ("id") WHERE "subscribe_outbox"."status" = 'pending';