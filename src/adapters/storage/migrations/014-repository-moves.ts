import type { Kysely } from "kysely";

const columns = ["host_repository_id", "host_default_branch", "moved_to_path", "moved_to_url"] as const;

/**
 * Adds what a check learns about a repository's identity on its host: the host's id (kept across renames), the host's
 * default branch (apart from the branch Repolink uses) and where a rename or transfer took it. Existing rows learn
 * them at their next check.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of columns) await db.schema.alterTable("repositories").addColumn(column, "text").execute();
}

/** Drops the columns again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of columns.toReversed()) await db.schema.alterTable("repositories").dropColumn(column).execute();
}
