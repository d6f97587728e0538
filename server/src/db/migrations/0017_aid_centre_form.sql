CREATE TABLE "aid_centre_form_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"union_id" uuid NOT NULL,
	"union_path" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"code" text NOT NULL,
	"value" bigint NOT NULL,
	"entered_by" uuid NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "aid_centre_form_entries_value_check" CHECK ("aid_centre_form_entries"."value" >= 0)
);
--> statement-breakpoint
ALTER TABLE "warmth_form_entries" ADD COLUMN "id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "aid_centre_form_entries" ADD CONSTRAINT "aid_centre_form_entries_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_centre_form_entries" ADD CONSTRAINT "aid_centre_form_entries_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "aid_centre_form_entries_key" ON "aid_centre_form_entries" USING btree ("union_id","period_from","period_to","code");--> statement-breakpoint
CREATE INDEX "aid_centre_form_entries_path_idx" ON "aid_centre_form_entries" USING btree ("union_path" text_pattern_ops);--> statement-breakpoint
ALTER TABLE "warmth_form_entries" ADD CONSTRAINT "warmth_form_entries_id_key" UNIQUE("id");