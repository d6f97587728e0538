CREATE TABLE "idempotency_keys" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"status_code" integer NOT NULL,
	"response_body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "redemptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"merchant_id" uuid NOT NULL,
	"staff_user_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"order_amount_fen" integer NOT NULL,
	"discount_fen" integer NOT NULL,
	"payable_fen" integer NOT NULL,
	"voucher_count" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "redemptions_amount_check" CHECK ("redemptions"."discount_fen" >= 0 and "redemptions"."discount_fen" <= "redemptions"."order_amount_fen" and "redemptions"."payable_fen" = "redemptions"."order_amount_fen" - "redemptions"."discount_fen")
);
--> statement-breakpoint
CREATE TABLE "voucher_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"union_id" uuid NOT NULL,
	"union_path" text NOT NULL,
	"created_by" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"threshold_fen" integer,
	"face_value_fen" integer NOT NULL,
	"stackable" boolean DEFAULT false NOT NULL,
	"stock_total" integer NOT NULL,
	"stock_claimed" integer DEFAULT 0 NOT NULL,
	"per_member_limit" integer DEFAULT 1 NOT NULL,
	"audience_tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"merchant_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"schedule" jsonb NOT NULL,
	"validity" jsonb NOT NULL,
	"period" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "voucher_batches_stock_check" CHECK ("voucher_batches"."stock_claimed" >= 0 and "voucher_batches"."stock_claimed" <= "voucher_batches"."stock_total"),
	CONSTRAINT "voucher_batches_kind_check" CHECK ("voucher_batches"."kind" in ('threshold','direct')),
	CONSTRAINT "voucher_batches_status_check" CHECK ("voucher_batches"."status" in ('draft','published','closed')),
	CONSTRAINT "voucher_batches_value_check" CHECK ("voucher_batches"."face_value_fen" > 0 and ("voucher_batches"."threshold_fen" is null or "voucher_batches"."threshold_fen" > "voucher_batches"."face_value_fen"))
);
--> statement-breakpoint
CREATE TABLE "voucher_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"voucher_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vouchers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"period" text NOT NULL,
	"ordinal" integer NOT NULL,
	"status" text DEFAULT 'unused' NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"merchant_id" uuid,
	"redemption_id" uuid,
	"order_amount_fen" integer,
	"discount_fen" integer,
	"claimed_by" uuid,
	CONSTRAINT "vouchers_status_check" CHECK ("vouchers"."status" in ('unused','used','expired','returned'))
);
--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_staff_user_id_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_batch_id_voucher_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."voucher_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_batches" ADD CONSTRAINT "voucher_batches_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_batches" ADD CONSTRAINT "voucher_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_codes" ADD CONSTRAINT "voucher_codes_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_codes" ADD CONSTRAINT "voucher_codes_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_batch_id_voucher_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."voucher_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_redemption_id_redemptions_id_fk" FOREIGN KEY ("redemption_id") REFERENCES "public"."redemptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_claimed_by_users_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "redemptions_merchant_idx" ON "redemptions" USING btree ("merchant_id","created_at");--> statement-breakpoint
CREATE INDEX "redemptions_batch_idx" ON "redemptions" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "voucher_batches_union_path_idx" ON "voucher_batches" USING btree ("union_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "voucher_batches_window_idx" ON "voucher_batches" USING btree ("status","ends_at");--> statement-breakpoint
CREATE INDEX "voucher_codes_voucher_idx" ON "voucher_codes" USING btree ("voucher_id");--> statement-breakpoint
CREATE INDEX "voucher_codes_expiry_idx" ON "voucher_codes" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "vouchers_member_quota_key" ON "vouchers" USING btree ("member_id","batch_id","period","ordinal") WHERE "vouchers"."status" <> 'returned';--> statement-breakpoint
CREATE INDEX "vouchers_member_idx" ON "vouchers" USING btree ("member_id","claimed_at");--> statement-breakpoint
CREATE INDEX "vouchers_batch_idx" ON "vouchers" USING btree ("batch_id","status");