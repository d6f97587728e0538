ALTER TABLE "campaign_offers" DROP CONSTRAINT "campaign_offers_kind_check";--> statement-breakpoint
ALTER TABLE "voucher_batches" ADD COLUMN "purpose" text DEFAULT 'voucher' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_claims" ADD COLUMN "recipient_category" text;--> statement-breakpoint
UPDATE "campaign_claims" cc SET "recipient_category" = o."category" FROM "campaign_offers" o WHERE o."id" = cc."offer_id";--> statement-breakpoint
ALTER TABLE "campaign_claims" ALTER COLUMN "recipient_category" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_claims" ADD COLUMN "voucher_id" uuid;--> statement-breakpoint
ALTER TABLE "campaign_offers" ADD COLUMN "batch_id" uuid;--> statement-breakpoint
ALTER TABLE "campaign_offers" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaign_claims" ADD CONSTRAINT "campaign_claims_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_offers" ADD CONSTRAINT "campaign_offers_batch_id_voucher_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."voucher_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_claims_voucher_key" ON "campaign_claims" USING btree ("voucher_id");--> statement-breakpoint
ALTER TABLE "voucher_batches" ADD CONSTRAINT "voucher_batches_purpose_check" CHECK ("voucher_batches"."purpose" in ('voucher','couplets'));--> statement-breakpoint
ALTER TABLE "campaign_claims" ADD CONSTRAINT "campaign_claims_recipient_category_check" CHECK ("campaign_claims"."recipient_category" in ('C1','C2','C3','C4','C5','C6','C7','C8','C9','C10','C11'));--> statement-breakpoint
ALTER TABLE "campaign_offers" ADD CONSTRAINT "campaign_offers_batch_check" CHECK (("campaign_offers"."kind" = 'couplets') = ("campaign_offers"."batch_id" is not null) and ("campaign_offers"."batch_id" is null or "campaign_offers"."batch_id" = "campaign_offers"."id"));--> statement-breakpoint
ALTER TABLE "campaign_offers" ADD CONSTRAINT "campaign_offers_kind_check" CHECK ("campaign_offers"."kind" in ('gift_pack','dinner','couplets'));