import type { Kysely } from "kysely";

/** Facts about the store itself, e.g. which master key seals it (its id, never the key). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("store_facts")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();
}

/** Drops the table again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("store_facts").execute();
}
