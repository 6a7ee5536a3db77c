import type { Kysely } from "kysely";

/**
 * Replaces the per-credential leased work items with batches (≤ 100 repositories of one
 * credential) that the job queue hands out: the key (cycle, credential, batch) makes each
 * batch's result count once. A cycle keeps the options every batch runs with.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("health_work").execute();
  // No foreign key to credentials: a credential deleted mid-cycle leaves a batch that is simply skipped.
  await db.schema
    .createTable("health_batches")
    .addColumn("cycle_id", "text", (c) => c.notNull().references("health_cycles.id").onDelete("cascade"))
    .addColumn("credential_id", "text", (c) => c.notNull())
    .addColumn("batch", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("start_after", "text")
    .addColumn("repository_ids", "text", (c) => c.notNull())
    .addColumn("cursor", "text")
    .addColumn("units_used", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("repositories_checked", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("budget_exhausted", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("by_status", "text", (c) => c.notNull())
    .addColumn("not_checked", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("health_batches_pkey", ["cycle_id", "credential_id", "batch"])
    .execute();
  await db.schema.alterTable("health_cycles").addColumn("options", "text").execute();
}

/** Restores per-credential work items (empty: cycles in flight are abandoned). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("health_cycles").dropColumn("options").execute();
  await db.schema.dropTable("health_batches").execute();
  await db.schema
    .createTable("health_work")
    .addColumn("cycle_id", "text", (c) => c.notNull().references("health_cycles.id").onDelete("cascade"))
    .addColumn("credential_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("lease_owner", "text")
    .addColumn("lease_until", "text")
    .addColumn("start_after", "text")
    .addColumn("cursor", "text")
    .addColumn("units_used", "integer", (c) => c.notNull())
    .addColumn("repositories_checked", "integer", (c) => c.notNull())
    .addColumn("budget_exhausted", "integer", (c) => c.notNull())
    .addColumn("by_status", "text", (c) => c.notNull())
    .addColumn("not_checked", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("health_work_pkey", ["cycle_id", "credential_id"])
    .execute();
}
