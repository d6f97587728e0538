ALTER TABLE "hardship_import_rows" ALTER COLUMN "amount_fen" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "relief_payment_files" ALTER COLUMN "total_fen" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "hardship_import_rows" ADD COLUMN "amount_enc" text;--> statement-breakpoint
ALTER TABLE "hardship_import_rows" DROP COLUMN "name";