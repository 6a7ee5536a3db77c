import { type Kysely, sql } from "kysely";
import { splitRepositoryPath } from "../../../core/repositories/repository-path.ts";

/**
 * A repository is a path on its host (any depth: GitLab's `group/sub/project`, Azure's
 * `org/project/_git/repo`): `owner/repo` becomes one `path` column. Every row, its id
 * (so its check history) and its name stay as they were.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // SQLite adds a NOT NULL column only with a default; every row gets its path right after.
  await db.schema
    .alterTable("repositories")
    .addColumn("path", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await sql`UPDATE repositories SET path = owner || '/' || repo`.execute(db);
  await db.schema.dropIndex("repositories_owner_repo").execute();
  await db.schema.alterTable("repositories").dropColumn("owner").execute();
  await db.schema.alterTable("repositories").dropColumn("repo").execute();
  // git's credential helper and HOST:PATH look repositories up by path, ignoring case.
  await sql`CREATE INDEX repositories_path ON repositories (lower(path))`.execute(db);
}

/** Splits paths back into owner and repo (the namespace and the last segment). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("repositories_path").execute();
  await db.schema
    .alterTable("repositories")
    .addColumn("owner", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .alterTable("repositories")
    .addColumn("repo", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  const rows = await sql<{ id: string; path: string }>`SELECT id, path FROM repositories`.execute(db);
  for (const { id, path } of rows.rows) {
    const { owner, repo } = splitRepositoryPath(path);
    await sql`UPDATE repositories SET owner = ${owner}, repo = ${repo} WHERE id = ${id}`.execute(db);
  }
  await db.schema.alterTable("repositories").dropColumn("path").execute();
  await sql`CREATE INDEX repositories_owner_repo ON repositories (lower(owner), lower(repo))`.execute(db);
}
