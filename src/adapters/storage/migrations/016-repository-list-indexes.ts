import { type Kysely, PostgresAdapter, sql } from "kysely";

const indexes = [
  ["repositories_by_name", ["name"]],
  ["repositories_status_name", ["status", "name"]],
  ["repositories_credential_name", ["credential_id", "name"]],
  ["repositories_host_name", ["host_name", "name"]],
  ["repositories_checked_name", ["last_checked_at", "name"]],
] as const;

/**
 * Indexes the repository list's filters and orders (keyset paging by name within each): a page of 50 out of
 * 10,000 reads 50 index entries. PostgreSQL orders names by code point (`COLLATE "C"`), as the list does.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const collate = db.getExecutor().adapter instanceof PostgresAdapter ? sql` COLLATE "C"` : sql``;
  for (const [name, columns] of indexes) {
    const parts = columns.map((column) => (column === "name" ? sql`name${collate}` : sql.ref(column)));
    await sql`CREATE INDEX ${sql.ref(name)} ON repositories (${sql.join(parts)})`.execute(db);
  }
}

/** Drops the indexes again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [name] of indexes) await db.schema.dropIndex(name).execute();
}
