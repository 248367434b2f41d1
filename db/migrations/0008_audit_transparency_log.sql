CREATE TABLE "audit_tree_heads" (
	"size" bigint PRIMARY KEY NOT NULL,
	"root_hash" "bytea" NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"public_key" text NOT NULL,
	"signature" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_tree_nodes" (
	"level" smallint NOT NULL,
	"index" bigint NOT NULL,
	"hash" "bytea" NOT NULL,
	CONSTRAINT "audit_tree_nodes_level_index_pk" PRIMARY KEY("level","index")
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "leaf_index" bigint;--> statement-breakpoint
CREATE INDEX "audit_log_unsequenced" ON "audit_log" USING btree ("id") WHERE "audit_log"."leaf_index" is null;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_leaf_index_unique" UNIQUE("leaf_index");