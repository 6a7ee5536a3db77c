import type { Kysely } from "kysely";

/** Adds health cycles, their leased work items, and each credential's rate budget and resume point. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("health_cycles")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slot", "text", (c) => c.notNull().unique())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .addColumn("resumed_from", "text")
    .addColumn("report", "text")
    .execute();
  await db.schema.createIndex("health_cycles_started").on("health_cycles").column("started_at").execute();

  // No foreign key to credentials: a credential deleted mid-cycle leaves a work item that is simply skipped.
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
    .addPrimaryKeyConstraint("health_work_pkey", ["cycle_id", "credential_id"])
    .execute();

  await db.schema
    .createTable("health_budgets")
    .addColumn("credential_id", "text", (c) => c.primaryKey())
    .addColumn("rest_remaining", "integer")
    .addColumn("graphql_remaining", "integer")
    .addColumn("reset_at", "text")
    .addColumn("resume_after", "text")
    .addColumn("resume_cycle_id", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

/** Drops the health tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["health_budgets", "health_work", "health_cycles"]) await db.schema.dropTable(table).execute();
}
