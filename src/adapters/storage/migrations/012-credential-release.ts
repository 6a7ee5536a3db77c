import type { Kysely } from "kysely";

/** Adds where a credential's secret may go: `helper` (as before) or `gateway-only` (never leaves the server). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("credentials")
    .addColumn("release", "text", (column) => column.notNull().defaultTo("helper"))
    .execute();
}

/** Drops the column again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("credentials").dropColumn("release").execute();
}
