CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"union_id" uuid NOT NULL,
	"union_path" text NOT NULL,
	"audience_tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"place" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"signup_starts_at" timestamp with time zone NOT NULL,
	"signup_ends_at" timestamp with time zone NOT NULL,
	"cancel_deadline" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"enrolled_count" integer DEFAULT 0 NOT NULL,
	"waitlist" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'published' NOT NULL,
	"topic_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "activities_capacity_check" CHECK ("activities"."capacity" > 0 and "activities"."enrolled_count" >= 0 and "activities"."enrolled_count" <= "activities"."capacity"),
	CONSTRAINT "activities_times_check" CHECK ("activities"."ends_at" > "activities"."starts_at" and "activities"."signup_ends_at" > "activities"."signup_starts_at" and "activities"."signup_ends_at" <= "activities"."starts_at" and "activities"."cancel_deadline" <= "activities"."starts_at"),
	CONSTRAINT "activities_status_check" CHECK ("activities"."status" in ('published','cancelled')),
	CONSTRAINT "activities_category_check" CHECK ("activities"."category" in ('public_class','skills','culture_sports','rest_trip','model_talk','convenience'))
);
--> statement-breakpoint
CREATE TABLE "activity_enrollments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"activity_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"promoted_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" uuid,
	CONSTRAINT "activity_enrollments_status_check" CHECK ("activity_enrollments"."status" in ('enrolled','waitlisted','cancelled')),
	CONSTRAINT "activity_enrollments_checkin_check" CHECK ("activity_enrollments"."checked_in_at" is null or "activity_enrollments"."status" = 'enrolled')
);
--> statement-breakpoint
CREATE TABLE "activity_topic_votes" (
	"topic_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "activity_topic_votes_topic_id_member_id_pk" PRIMARY KEY("topic_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "activity_topics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"union_id" uuid NOT NULL,
	"union_path" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"proposed_by" uuid NOT NULL,
	"votes" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"activity_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "activity_topics_status_check" CHECK ("activity_topics"."status" in ('open','scheduled')),
	CONSTRAINT "activity_topics_votes_check" CHECK ("activity_topics"."votes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "feedback_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"request_id" uuid NOT NULL,
	"author" text NOT NULL,
	"author_user_id" uuid,
	"union_id" uuid,
	"text_enc" text,
	"event" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "feedback_messages_author_check" CHECK ("feedback_messages"."author" in ('member','staff','system')),
	CONSTRAINT "feedback_messages_text_check" CHECK (("feedback_messages"."author" = 'system') = ("feedback_messages"."text_enc" is null) and ("feedback_messages"."author" = 'system') = ("feedback_messages"."event" is not null))
);
--> statement-breakpoint
CREATE TABLE "feedback_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"member_union_path" text NOT NULL,
	"bypass_grassroots" boolean DEFAULT false NOT NULL,
	"handling_union_id" uuid NOT NULL,
	"handling_path" text NOT NULL,
	"category" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"escalations" integer DEFAULT 0 NOT NULL,
	"first_replied_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"rating_score" integer,
	"rating_comment" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "feedback_requests_status_check" CHECK ("feedback_requests"."status" in ('pending','replied','closed')),
	CONSTRAINT "feedback_requests_category_check" CHECK ("feedback_requests"."category" in ('rights','labour_relations','hardship','suggestion','other')),
	CONSTRAINT "feedback_requests_rating_check" CHECK ("feedback_requests"."rating_score" is null or ("feedback_requests"."rating_score" between 1 and 5))
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_topic_id_activity_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."activity_topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_enrollments" ADD CONSTRAINT "activity_enrollments_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_enrollments" ADD CONSTRAINT "activity_enrollments_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_enrollments" ADD CONSTRAINT "activity_enrollments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_enrollments" ADD CONSTRAINT "activity_enrollments_checked_in_by_users_id_fk" FOREIGN KEY ("checked_in_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_topic_votes" ADD CONSTRAINT "activity_topic_votes_topic_id_activity_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."activity_topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_topic_votes" ADD CONSTRAINT "activity_topic_votes_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_topic_votes" ADD CONSTRAINT "activity_topic_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_topics" ADD CONSTRAINT "activity_topics_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_topics" ADD CONSTRAINT "activity_topics_proposed_by_members_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_messages" ADD CONSTRAINT "feedback_messages_request_id_feedback_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."feedback_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_messages" ADD CONSTRAINT "feedback_messages_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_messages" ADD CONSTRAINT "feedback_messages_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_requests" ADD CONSTRAINT "feedback_requests_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_requests" ADD CONSTRAINT "feedback_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_requests" ADD CONSTRAINT "feedback_requests_handling_union_id_unions_id_fk" FOREIGN KEY ("handling_union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_union_path_idx" ON "activities" USING btree ("union_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "activities_starts_idx" ON "activities" USING btree ("starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_enrollments_live_key" ON "activity_enrollments" USING btree ("activity_id","member_id") WHERE "activity_enrollments"."status" in ('enrolled','waitlisted');--> statement-breakpoint
CREATE INDEX "activity_enrollments_queue_idx" ON "activity_enrollments" USING btree ("activity_id","status","seq");--> statement-breakpoint
CREATE INDEX "activity_enrollments_user_idx" ON "activity_enrollments" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "activity_topics_union_path_idx" ON "activity_topics" USING btree ("union_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "feedback_messages_request_idx" ON "feedback_messages" USING btree ("request_id","seq");--> statement-breakpoint
CREATE INDEX "feedback_requests_handling_idx" ON "feedback_requests" USING btree ("handling_path" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "feedback_requests_member_path_idx" ON "feedback_requests" USING btree ("member_union_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "feedback_requests_user_idx" ON "feedback_requests" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "feedback_requests_due_idx" ON "feedback_requests" USING btree ("due_at") WHERE "feedback_requests"."status" = 'pending';