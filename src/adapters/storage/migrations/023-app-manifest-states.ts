import type { Kysely } from "kysely";

/**
 * App manifest states (issue 15): the single-use `state` of a GitHub App manifest flow lives in the database,
 * so GitHub's redirect back may reach any instance, and a restart keeps flows in progress. Only the state's
 * SHA-256 is stored, never the state.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("app_manifest_states")
    .addColumn("state_hash", "text", (c) => c.primaryKey())
    // Null when the server runs without sign-in; no reference: the state is refused once the user cannot sign in.
    .addColumn("user_id", "text")
    .addColumn("host_name", "text", (c) => c.notNull())
    .addColumn("credential_name", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("app_manifest_states_expires_at").on("app_manifest_states").column("expires_at").execute();
}

/** Drops the table: flows in progress must be started again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("app_manifest_states").execute();
}
