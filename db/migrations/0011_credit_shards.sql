CREATE TABLE "credit_shards" (
	"account_id" uuid NOT NULL,
	"slot" integer NOT NULL,
	"balance" integer NOT NULL,
	CONSTRAINT "credit_shards_account_id_slot_pk" PRIMARY KEY("account_id","slot"),
	CONSTRAINT "credit_shards_balance" CHECK ("credit_shards"."balance" >= 0)
);
--> statement-breakpoint
ALTER TABLE "credit_shards" ADD CONSTRAINT "credit_shards_account_id_api_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."api_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_ledger" DROP COLUMN "balance_after";