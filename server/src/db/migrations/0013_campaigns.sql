CREATE TABLE "campaign_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"offer_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"member_union_id" uuid NOT NULL,
	"member_union_path" text NOT NULL,
	"new_form" boolean DEFAULT false NOT NULL,
	"pickup_code" text NOT NULL,
	"pickup_point" text,
	"pickup_date" date,
	"delivery_address" text,
	"claimed_at" timestamp with time zone NOT NULL,
	"handed_over_at" timestamp with time zone,
	"handed_over_by" uuid,
	CONSTRAINT "campaign_claims_way_check" CHECK (("campaign_claims"."delivery_address" is null) = ("campaign_claims"."pickup_point" is not null and "campaign_claims"."pickup_date" is not null))
);
--> statement-breakpoint
CREATE TABLE "campaign_letter_recipients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"letter_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"member_name" text NOT NULL,
	"share_token" text NOT NULL,
	"opened_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"union_id" uuid NOT NULL,
	"union_path" text NOT NULL,
	"template" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"year" integer NOT NULL,
	"sent_by" uuid NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "campaign_letters_template_check" CHECK ("campaign_letters"."template" in ('one','two','custom'))
);
--> statement-breakpoint
CREATE TABLE "campaign_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"union_id" uuid NOT NULL,
	"union_path" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"value_fen" integer NOT NULL,
	"fund" text NOT NULL,
	"category" text NOT NULL,
	"audience_tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"archive_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"pickup_points" text[] NOT NULL,
	"pickup_from" date NOT NULL,
	"pickup_to" date NOT NULL,
	"delivery" boolean DEFAULT false NOT NULL,
	"claimed_count" integer DEFAULT 0 NOT NULL,
	"handed_over_count" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "campaign_offers_kind_check" CHECK ("campaign_offers"."kind" in ('gift_pack','dinner')),
	CONSTRAINT "campaign_offers_fund_check" CHECK ("campaign_offers"."fund" in ('B1','B2','B3','B4','B5','B6','sponsored')),
	CONSTRAINT "campaign_offers_category_check" CHECK ("campaign_offers"."category" in ('C1','C2','C3','C4','C5','C6','C7','C8','C9','C10','C11')),
	CONSTRAINT "campaign_offers_value_check" CHECK ("campaign_offers"."value_fen" > 0),
	CONSTRAINT "campaign_offers_counts_check" CHECK ("campaign_offers"."handed_over_count" >= 0 and "campaign_offers"."handed_over_count" <= "campaign_offers"."claimed_count"),
	CONSTRAINT "campaign_offers_pickup_check" CHECK ("campaign_offers"."pickup_to" >= "campaign_offers"."pickup_from")
);
--> statement-breakpoint
CREATE TABLE "campaign_sponsors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"union_id" uuid NOT NULL,
	"union_path" text NOT NULL,
	"offer_id" uuid,
	"donor_name" text NOT NULL,
	"donor_kind" text NOT NULL,
	"money_fen" bigint NOT NULL,
	"goods_fen" bigint NOT NULL,
	"goods" text DEFAULT '' NOT NULL,
	"received_on" date NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "campaign_sponsors_kind_check" CHECK ("campaign_sponsors"."donor_kind" in ('enterprise','individual')),
	CONSTRAINT "campaign_sponsors_amount_check" CHECK ("campaign_sponsors"."money_fen" >= 0 and "campaign_sponsors"."goods_fen" >= 0 and "campaign_sponsors"."money_fen" + "campaign_sponsors"."goods_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"union_id" uuid NOT NULL,
	"union_path" text NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "campaigns_days_check" CHECK ("campaigns"."ends_on" >= "campaigns"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "warmth_form_entries" (
	"union_id" uuid NOT NULL,
	"union_path" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"code" text NOT NULL,
	"value" bigint NOT NULL,
	"entered_by" uuid NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "warmth_form_entries_union_id_period_from_period_to_code_pk" PRIMARY KEY("union_id","period_from","period_to","code"),
	CONSTRAINT "warmth_form_entries_value_check" CHECK ("warmth_form_entries"."value" >= 0)
);
--> statement-breakpoint
CREATE TABLE "warmth_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"union_id" uuid NOT NULL,
	"union_path" text NOT NULL,
	"visited_on" date NOT NULL,
	"target" text NOT NULL,
	"name" text NOT NULL,
	"category" text,
	"new_form" boolean DEFAULT false NOT NULL,
	"money_fen" bigint NOT NULL,
	"goods_fen" bigint NOT NULL,
	"fund" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "warmth_visits_target_check" CHECK ("warmth_visits"."target" in ('enterprise','person')),
	CONSTRAINT "warmth_visits_category_check" CHECK (("warmth_visits"."target" = 'enterprise' and "warmth_visits"."category" is null) or ("warmth_visits"."target" = 'person' and "warmth_visits"."category" in ('C1','C2','C3','C4','C5','C6','C7','C8','C9','C10','C11'))),
	CONSTRAINT "warmth_visits_fund_check" CHECK ("warmth_visits"."fund" in ('B1','B2','B3','B4','B5','B6')),
	CONSTRAINT "warmth_visits_amount_check" CHECK ("warmth_visits"."money_fen" >= 0 and "warmth_visits"."goods_fen" >= 0)
);
--> statement-breakpoint
ALTER TABLE "campaign_claims" ADD CONSTRAINT "campaign_claims_offer_id_campaign_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."campaign_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_claims" ADD CONSTRAINT "campaign_claims_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_claims" ADD CONSTRAINT "campaign_claims_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_claims" ADD CONSTRAINT "campaign_claims_member_union_id_unions_id_fk" FOREIGN KEY ("member_union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_claims" ADD CONSTRAINT "campaign_claims_handed_over_by_users_id_fk" FOREIGN KEY ("handed_over_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_letter_recipients" ADD CONSTRAINT "campaign_letter_recipients_letter_id_campaign_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."campaign_letters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_letter_recipients" ADD CONSTRAINT "campaign_letter_recipients_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_letter_recipients" ADD CONSTRAINT "campaign_letter_recipients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_letters" ADD CONSTRAINT "campaign_letters_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_letters" ADD CONSTRAINT "campaign_letters_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_letters" ADD CONSTRAINT "campaign_letters_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_offers" ADD CONSTRAINT "campaign_offers_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_offers" ADD CONSTRAINT "campaign_offers_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_offers" ADD CONSTRAINT "campaign_offers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_sponsors" ADD CONSTRAINT "campaign_sponsors_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_sponsors" ADD CONSTRAINT "campaign_sponsors_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_sponsors" ADD CONSTRAINT "campaign_sponsors_offer_id_campaign_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."campaign_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_sponsors" ADD CONSTRAINT "campaign_sponsors_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warmth_form_entries" ADD CONSTRAINT "warmth_form_entries_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warmth_form_entries" ADD CONSTRAINT "warmth_form_entries_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warmth_visits" ADD CONSTRAINT "warmth_visits_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warmth_visits" ADD CONSTRAINT "warmth_visits_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_claims_offer_member_key" ON "campaign_claims" USING btree ("offer_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_claims_pickup_code_key" ON "campaign_claims" USING btree ("pickup_code");--> statement-breakpoint
CREATE INDEX "campaign_claims_union_path_idx" ON "campaign_claims" USING btree ("member_union_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "campaign_claims_member_idx" ON "campaign_claims" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_letter_recipients_key" ON "campaign_letter_recipients" USING btree ("letter_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_letter_recipients_token_key" ON "campaign_letter_recipients" USING btree ("share_token");--> statement-breakpoint
CREATE INDEX "campaign_letter_recipients_user_idx" ON "campaign_letter_recipients" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "campaign_letters_campaign_idx" ON "campaign_letters" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "campaign_offers_campaign_idx" ON "campaign_offers" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "campaign_offers_union_path_idx" ON "campaign_offers" USING btree ("union_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "campaign_sponsors_union_path_idx" ON "campaign_sponsors" USING btree ("union_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "campaigns_union_path_idx" ON "campaigns" USING btree ("union_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "warmth_form_entries_path_idx" ON "warmth_form_entries" USING btree ("union_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "warmth_visits_union_path_idx" ON "warmth_visits" USING btree ("union_path" text_pattern_ops,"visited_on");