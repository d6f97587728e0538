CREATE TABLE "lottery_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"ticket" integer NOT NULL,
	"registered_at" timestamp with time zone NOT NULL,
	"result" text DEFAULT 'pending' NOT NULL,
	"voucher_id" uuid,
	CONSTRAINT "lottery_entries_ticket_check" CHECK ("lottery_entries"."ticket" between 10000000 and 99999999),
	CONSTRAINT "lottery_entries_result_check" CHECK ("lottery_entries"."result" in ('pending','won','lost','excluded'))
);
--> statement-breakpoint
ALTER TABLE "voucher_batches" ADD COLUMN "mode" text DEFAULT 'firstCome' NOT NULL;--> statement-breakpoint
ALTER TABLE "voucher_batches" ADD COLUMN "draw_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "voucher_batches" ADD COLUMN "lottery_seed" text;--> statement-breakpoint
ALTER TABLE "voucher_batches" ADD COLUMN "lottery_seed_hash" text;--> statement-breakpoint
ALTER TABLE "voucher_batches" ADD COLUMN "drawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "lottery_entries" ADD CONSTRAINT "lottery_entries_batch_id_voucher_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."voucher_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lottery_entries" ADD CONSTRAINT "lottery_entries_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lottery_entries" ADD CONSTRAINT "lottery_entries_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lottery_entries_member_key" ON "lottery_entries" USING btree ("batch_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lottery_entries_ticket_key" ON "lottery_entries" USING btree ("batch_id","ticket");--> statement-breakpoint
CREATE INDEX "lottery_entries_member_idx" ON "lottery_entries" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "voucher_batches_due_draw_idx" ON "voucher_batches" USING btree ("draw_at") WHERE "voucher_batches"."mode" = 'lottery' and "voucher_batches"."drawn_at" is null;--> statement-breakpoint
ALTER TABLE "voucher_batches" ADD CONSTRAINT "voucher_batches_mode_check" CHECK ("voucher_batches"."mode" in ('firstCome','lottery') and ("voucher_batches"."mode" = 'lottery') = ("voucher_batches"."draw_at" is not null));