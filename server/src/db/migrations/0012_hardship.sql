CREATE TABLE "hardship_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"union_id" uuid NOT NULL,
	"union_path" text NOT NULL,
	"consent_id" uuid NOT NULL,
	"filed_by" uuid,
	"status" text NOT NULL,
	"facts_enc" text NOT NULL,
	"computed_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"household_size" integer NOT NULL,
	"documents_held" text[] DEFAULT '{}'::text[] NOT NULL,
	"bank_name" text NOT NULL,
	"bank_card_enc" text NOT NULL,
	"bank_card_masked" text NOT NULL,
	"category" text,
	"review_note" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"submitted_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "hardship_applications_status_check" CHECK ("hardship_applications"."status" in ('submitted','more_info','approved','rejected','withdrawn')),
	CONSTRAINT "hardship_applications_category_check" CHECK ("hardship_applications"."category" is null or "hardship_applications"."category" in ('deep','relative','accident','dibao_edge','serious_illness','living','model_worker')),
	CONSTRAINT "hardship_applications_approved_check" CHECK ("hardship_applications"."status" <> 'approved' or "hardship_applications"."category" is not null)
);
--> statement-breakpoint
CREATE TABLE "hardship_archive" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"union_id" uuid NOT NULL,
	"union_path" text NOT NULL,
	"application_id" uuid,
	"category" text NOT NULL,
	"status" text NOT NULL,
	"bank_name" text NOT NULL,
	"bank_card_enc" text NOT NULL,
	"bank_card_masked" text NOT NULL,
	"archived_by" uuid,
	"archived_at" timestamp with time zone NOT NULL,
	"recheck_due" date NOT NULL,
	"last_checked_at" timestamp with time zone,
	"exit_way" text,
	"exit_date" date,
	"exit_note" text,
	"exited_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hardship_archive_category_check" CHECK ("hardship_archive"."category" in ('deep','relative','accident','dibao_edge','serious_illness','living','model_worker')),
	CONSTRAINT "hardship_archive_status_check" CHECK ("hardship_archive"."status" in ('active','exited')),
	CONSTRAINT "hardship_archive_exit_way_check" CHECK ("hardship_archive"."exit_way" is null or "hardship_archive"."exit_way" in ('employment','social_insurance','medical_insurance','social_assistance')),
	CONSTRAINT "hardship_archive_exit_check" CHECK (("hardship_archive"."status" = 'exited') = ("hardship_archive"."exit_way" is not null and "hardship_archive"."exit_date" is not null))
);
--> statement-breakpoint
CREATE TABLE "hardship_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"version" text NOT NULL,
	"given_by" uuid NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "hardship_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name_enc" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hardship_import_rows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"id_number_hash" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"name" text NOT NULL,
	"amount_fen" integer,
	"period" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hardship_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" uuid NOT NULL,
	"file_sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"row_count" integer NOT NULL,
	"new_row_count" integer NOT NULL,
	"imported_by" uuid NOT NULL,
	"imported_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hardship_reads" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid NOT NULL,
	"actor_union_id" uuid,
	"member_id" uuid NOT NULL,
	"field" text NOT NULL,
	"reason" text,
	"request_id" text,
	CONSTRAINT "hardship_reads_field_check" CHECK ("hardship_reads"."field" in ('record','id_number','bank_card','incomes','health','documents')),
	CONSTRAINT "hardship_reads_reason_check" CHECK ("hardship_reads"."field" = 'record' or length("hardship_reads"."reason") >= 2)
);
--> statement-breakpoint
CREATE TABLE "hardship_settings" (
	"union_id" uuid PRIMARY KEY NOT NULL,
	"dibao_fen" integer NOT NULL,
	"living_multiple" numeric(4, 2) NOT NULL,
	"illness_multiple" numeric(4, 2) NOT NULL,
	"medical_self_pay_fen" integer NOT NULL,
	"second_approval_above_fen" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "hardship_settings_positive_check" CHECK ("hardship_settings"."dibao_fen" > 0 and "hardship_settings"."medical_self_pay_fen" >= 0 and "hardship_settings"."second_approval_above_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "hardship_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"union_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "hardship_sources_kind_check" CHECK ("hardship_sources"."kind" in ('medical','dibao','work_injury','disability'))
);
--> statement-breakpoint
CREATE TABLE "relief_payment_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"union_id" uuid NOT NULL,
	"format" text NOT NULL,
	"payment_count" integer NOT NULL,
	"total_fen" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "relief_payment_files_format_check" CHECK ("relief_payment_files"."format" in ('csv','xlsx'))
);
--> statement-breakpoint
CREATE TABLE "relief_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"archive_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"union_id" uuid NOT NULL,
	"union_path" text NOT NULL,
	"kind" text NOT NULL,
	"form" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"fund_source" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"payee_name" text NOT NULL,
	"bank_name" text,
	"bank_card_enc" text,
	"bank_card_masked" text,
	"status" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"rejected_by" uuid,
	"rejected_at" timestamp with time zone,
	"reject_reason" text,
	"payment_file_id" uuid,
	"exported_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"confirmed_by" uuid,
	CONSTRAINT "relief_payments_kind_check" CHECK ("relief_payments"."kind" in ('living','medical','schooling','other')),
	CONSTRAINT "relief_payments_form_check" CHECK ("relief_payments"."form" in ('cash','in_kind')),
	CONSTRAINT "relief_payments_source_check" CHECK ("relief_payments"."fund_source" in ('central','local','union','donations','administrative','other')),
	CONSTRAINT "relief_payments_status_check" CHECK ("relief_payments"."status" in ('awaiting_approval','approved','paid','rejected')),
	CONSTRAINT "relief_payments_amount_check" CHECK ("relief_payments"."amount_fen" > 0),
	CONSTRAINT "relief_payments_cash_card_check" CHECK ("relief_payments"."form" <> 'cash' or ("relief_payments"."bank_card_enc" is not null and "relief_payments"."bank_card_masked" is not null)),
	CONSTRAINT "relief_payments_two_people_check" CHECK ("relief_payments"."approved_by" is null or "relief_payments"."approved_by" <> "relief_payments"."recorded_by"),
	CONSTRAINT "relief_payments_paid_check" CHECK (("relief_payments"."status" = 'paid') = ("relief_payments"."paid_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "staff_duties" (
	"user_id" uuid NOT NULL,
	"union_id" uuid NOT NULL,
	"duty" text NOT NULL,
	"granted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_duties_user_id_union_id_duty_pk" PRIMARY KEY("user_id","union_id","duty"),
	CONSTRAINT "staff_duties_duty_check" CHECK ("staff_duties"."duty" in ('hardship'))
);
--> statement-breakpoint
ALTER TABLE "hardship_applications" ADD CONSTRAINT "hardship_applications_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_applications" ADD CONSTRAINT "hardship_applications_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_applications" ADD CONSTRAINT "hardship_applications_consent_id_hardship_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."hardship_consents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_applications" ADD CONSTRAINT "hardship_applications_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_applications" ADD CONSTRAINT "hardship_applications_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_archive" ADD CONSTRAINT "hardship_archive_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_archive" ADD CONSTRAINT "hardship_archive_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_archive" ADD CONSTRAINT "hardship_archive_application_id_hardship_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."hardship_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_archive" ADD CONSTRAINT "hardship_archive_archived_by_users_id_fk" FOREIGN KEY ("archived_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_archive" ADD CONSTRAINT "hardship_archive_exited_by_users_id_fk" FOREIGN KEY ("exited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_consents" ADD CONSTRAINT "hardship_consents_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_consents" ADD CONSTRAINT "hardship_consents_given_by_users_id_fk" FOREIGN KEY ("given_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_documents" ADD CONSTRAINT "hardship_documents_application_id_hardship_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."hardship_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_documents" ADD CONSTRAINT "hardship_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_import_rows" ADD CONSTRAINT "hardship_import_rows_source_id_hardship_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."hardship_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_import_rows" ADD CONSTRAINT "hardship_import_rows_import_id_hardship_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."hardship_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_imports" ADD CONSTRAINT "hardship_imports_source_id_hardship_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."hardship_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_imports" ADD CONSTRAINT "hardship_imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_reads" ADD CONSTRAINT "hardship_reads_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_reads" ADD CONSTRAINT "hardship_reads_actor_union_id_unions_id_fk" FOREIGN KEY ("actor_union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_reads" ADD CONSTRAINT "hardship_reads_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_settings" ADD CONSTRAINT "hardship_settings_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_settings" ADD CONSTRAINT "hardship_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_sources" ADD CONSTRAINT "hardship_sources_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardship_sources" ADD CONSTRAINT "hardship_sources_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_payment_files" ADD CONSTRAINT "relief_payment_files_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_payment_files" ADD CONSTRAINT "relief_payment_files_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_payments" ADD CONSTRAINT "relief_payments_archive_id_hardship_archive_id_fk" FOREIGN KEY ("archive_id") REFERENCES "public"."hardship_archive"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_payments" ADD CONSTRAINT "relief_payments_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_payments" ADD CONSTRAINT "relief_payments_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_payments" ADD CONSTRAINT "relief_payments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_payments" ADD CONSTRAINT "relief_payments_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_payments" ADD CONSTRAINT "relief_payments_rejected_by_users_id_fk" FOREIGN KEY ("rejected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_payments" ADD CONSTRAINT "relief_payments_payment_file_id_relief_payment_files_id_fk" FOREIGN KEY ("payment_file_id") REFERENCES "public"."relief_payment_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_payments" ADD CONSTRAINT "relief_payments_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_duties" ADD CONSTRAINT "staff_duties_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_duties" ADD CONSTRAINT "staff_duties_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_duties" ADD CONSTRAINT "staff_duties_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hardship_applications_open_key" ON "hardship_applications" USING btree ("member_id") WHERE "hardship_applications"."status" in ('submitted','more_info');--> statement-breakpoint
CREATE INDEX "hardship_applications_union_path_idx" ON "hardship_applications" USING btree ("union_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "hardship_applications_member_idx" ON "hardship_applications" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "hardship_archive_active_key" ON "hardship_archive" USING btree ("member_id") WHERE "hardship_archive"."status" = 'active';--> statement-breakpoint
CREATE INDEX "hardship_archive_union_path_idx" ON "hardship_archive" USING btree ("union_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "hardship_archive_recheck_idx" ON "hardship_archive" USING btree ("status","recheck_due");--> statement-breakpoint
CREATE INDEX "hardship_archive_member_idx" ON "hardship_archive" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hardship_consents_live_key" ON "hardship_consents" USING btree ("member_id") WHERE "hardship_consents"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "hardship_consents_member_idx" ON "hardship_consents" USING btree ("member_id","given_at");--> statement-breakpoint
CREATE INDEX "hardship_documents_application_idx" ON "hardship_documents" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hardship_documents_storage_key" ON "hardship_documents" USING btree ("storage_key");--> statement-breakpoint
CREATE UNIQUE INDEX "hardship_import_rows_person_key" ON "hardship_import_rows" USING btree ("source_id","id_number_hash","period");--> statement-breakpoint
CREATE INDEX "hardship_import_rows_hash_idx" ON "hardship_import_rows" USING btree ("id_number_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "hardship_imports_file_key" ON "hardship_imports" USING btree ("source_id","file_sha256");--> statement-breakpoint
CREATE INDEX "hardship_reads_member_idx" ON "hardship_reads" USING btree ("member_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "hardship_sources_union_kind_key" ON "hardship_sources" USING btree ("union_id","kind");--> statement-breakpoint
CREATE INDEX "relief_payments_union_path_idx" ON "relief_payments" USING btree ("union_path" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "relief_payments_archive_idx" ON "relief_payments" USING btree ("archive_id","recorded_at");--> statement-breakpoint
CREATE INDEX "relief_payments_paid_idx" ON "relief_payments" USING btree ("paid_at");--> statement-breakpoint
CREATE FUNCTION hardship_reads_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'hardship_reads is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER hardship_reads_no_update BEFORE UPDATE OR DELETE ON "hardship_reads" FOR EACH ROW EXECUTE FUNCTION hardship_reads_append_only();--> statement-breakpoint
CREATE TRIGGER hardship_reads_no_truncate BEFORE TRUNCATE ON "hardship_reads" FOR EACH STATEMENT EXECUTE FUNCTION hardship_reads_append_only();
