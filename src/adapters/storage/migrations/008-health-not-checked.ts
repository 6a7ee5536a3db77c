import type { Kysely } from "kysely";

/**
 * Adds what an upstream failure leaves behind: each work item's repositories that could not be
 * checked (GitHub answered 5xx or could not be reached), and each credential's run of failed
 * cycles with the time its retry waits for (back-off).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("health_work")
    .addColumn("not_checked", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("health_budgets")
    .addColumn("upstream_failures", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("health_budgets").addColumn("retry_at", "text").execute();
}

/** Drops the columns again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("health_budgets").dropColumn("retry_at").execute();
  await db.schema.alterTable("health_budgets").dropColumn("upstream_failures").execute();
  await db.schema.alterTable("health_work").dropColumn("not_checked").execute();
}
