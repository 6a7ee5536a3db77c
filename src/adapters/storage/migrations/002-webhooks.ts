import { type Kysely, sql } from "kysely";

/** Adds outgoing webhooks, their delivery log, and the record of expiry notices sent. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("webhooks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("secret_box", "text", (c) => c.notNull())
    .addColumn("kek_id", "text", (c) => c.notNull())
    .addColumn("secret_preview", "text", (c) => c.notNull())
    .addColumn("events", "text", (c) => c.notNull())
    .addColumn("allow_private_network", "integer", (c) => c.notNull().check(sql`allow_private_network IN (0, 1)`))
    .addColumn("active", "integer", (c) => c.notNull().check(sql`active IN (0, 1)`))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("webhook_deliveries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("webhook_id", "text", (c) => c.notNull().references("webhooks.id").onDelete("cascade"))
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("attempt", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status IN ('pending', 'delivered', 'failed')`))
    .addColumn("response_status", "integer")
    .addColumn("error", "text")
    .addColumn("next_attempt_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("delivered_at", "text")
    .execute();
  await db.schema.createIndex("webhook_deliveries_due").on("webhook_deliveries").columns(["status", "next_attempt_at"]).execute();
  await db.schema.createIndex("webhook_deliveries_webhook").on("webhook_deliveries").columns(["webhook_id", "created_at"]).execute();

  // No foreign key to credentials: a notice outlives nothing it could confuse (ids are never reused).
  await db.schema
    .createTable("notices_sent")
    .addColumn("credential_id", "text", (c) => c.notNull())
    .addColumn("secret_version", "integer", (c) => c.notNull())
    .addColumn("threshold", "text", (c) => c.notNull())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("notices_sent_pkey", ["credential_id", "secret_version", "threshold"])
    .execute();
}

/** Drops the webhook tables and the notice record. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["notices_sent", "webhook_deliveries", "webhooks"]) await db.schema.dropTable(table).execute();
}
