CREATE TABLE "campaign_pledges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"offer_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"union_path" text NOT NULL,
	"donor_user_id" uuid NOT NULL,
	"packs" integer NOT NULL,
	"form" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"decision_note" text,
	"sponsor_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "campaign_pledges_packs_check" CHECK ("campaign_pledges"."packs" between 1 and 10000),
	CONSTRAINT "campaign_pledges_form_check" CHECK ("campaign_pledges"."form" in ('money','goods')),
	CONSTRAINT "campaign_pledges_status_check" CHECK ("campaign_pledges"."status" in ('pledged','received','declined','withdrawn')),
	CONSTRAINT "campaign_pledges_amount_check" CHECK ("campaign_pledges"."amount_fen" > 0),
	CONSTRAINT "campaign_pledges_received_check" CHECK (("campaign_pledges"."status" = 'received') = ("campaign_pledges"."sponsor_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "campaign_pledges" ADD CONSTRAINT "campaign_pledges_offer_id_campaign_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."campaign_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_pledges" ADD CONSTRAINT "campaign_pledges_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_pledges" ADD CONSTRAINT "campaign_pledges_donor_user_id_users_id_fk" FOREIGN KEY ("donor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_pledges" ADD CONSTRAINT "campaign_pledges_sponsor_id_campaign_sponsors_id_fk" FOREIGN KEY ("sponsor_id") REFERENCES "public"."campaign_sponsors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_pledges" ADD CONSTRAINT "campaign_pledges_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_pledges_union_path_idx" ON "campaign_pledges" USING btree ("union_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "campaign_pledges_donor_idx" ON "campaign_pledges" USING btree ("donor_user_id","created_at");--> statement-breakpoint
CREATE INDEX "campaign_pledges_campaign_idx" ON "campaign_pledges" USING btree ("campaign_id");