import { type Kysely, sql } from "kysely";

/**
 * Summary deliveries (issue 17 item 7, issue 13 item 2): a delivery may carry a key that is unique per webhook
 * (`cycle:ID`, `expiry:CREDENTIAL:VERSION:THRESHOLD`), so a retried job, a second instance or a re-run finish
 * never queues a second row; and each cycle keeps the repositories whose status it changed, for the summary and
 * its full list.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("webhook_deliveries").addColumn("dedupe_key", "text").execute();
  // NULLs are distinct in both databases: pings and older rows have no key and never collide.
  await sql`CREATE UNIQUE INDEX webhook_deliveries_dedupe ON webhook_deliveries (webhook_id, dedupe_key)`.execute(db);

  await db.schema
    .createTable("health_cycle_changes")
    .addColumn("cycle_id", "text", (c) => c.notNull())
    .addColumn("repository_id", "text", (c) => c.notNull())
    .addColumn("repository_name", "text", (c) => c.notNull())
    .addColumn("from_status", "text", (c) => c.notNull())
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("reason_code", "text")
    .addColumn("checked_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("health_cycle_changes_pkey", ["cycle_id", "repository_id"])
    .execute();
}

/** Drops the change record and the delivery key. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("health_cycle_changes").execute();
  await db.schema.dropIndex("webhook_deliveries_dedupe").execute();
  await db.schema.alterTable("webhook_deliveries").dropColumn("dedupe_key").execute();
}
