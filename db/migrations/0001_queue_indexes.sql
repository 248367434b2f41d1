DROP INDEX "identity_items_queue";--> statement-breakpoint
CREATE INDEX "identity_items_queue_item" ON "identity_items" USING btree ("state","item","submitted_at","id");--> statement-breakpoint
CREATE INDEX "identity_items_queue_assignee" ON "identity_items" USING btree ("state","assigned_to","submitted_at","id");--> statement-breakpoint
CREATE INDEX "identity_items_queue" ON "identity_items" USING btree ("state","submitted_at","id");