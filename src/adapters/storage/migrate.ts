import { type Kysely, type Migration, Migrator, PostgresAdapter, sql } from "kysely";
import { UpstreamError } from "../../core/errors.ts";
import type { DatabaseSchema } from "./database-schema.ts";
import * as initial from "./migrations/001-initial.ts";
import * as webhooks from "./migrations/002-webhooks.ts";
import * as health from "./migrations/003-health.ts";
import * as hostSshKnownHosts from "./migrations/004-host-ssh-known-hosts.ts";
import * as repositoriesByPath from "./migrations/005-repositories-by-path.ts";
import * as repositoryPath from "./migrations/006-repository-path.ts";

const migrations: Record<string, Migration> = {
  "001-initial": initial,
  "002-webhooks": webhooks,
  "003-health": health,
  "004-host-ssh-known-hosts": hostSshKnownHosts,
  "005-repositories-by-path": repositoriesByPath,
  "006-repository-path": repositoryPath,
};

/**
 * Brings the schema to the newest version, from a fixed list of migrations (no folder scan).
 * @throws UpstreamError `STORAGE_MIGRATION_FAILED` naming the migration that failed.
 */
export async function migrateToLatest(db: Kysely<DatabaseSchema>): Promise<void> {
  await migrateTo(db, undefined);
}

/**
 * Brings the schema to the version of `target` (a migration's name; undefined for the newest),
 * as tests do to write rows in an older schema.
 * @throws UpstreamError `STORAGE_MIGRATION_FAILED` naming the migration that failed.
 */
export async function migrateTo(db: Kysely<DatabaseSchema>, target: string | undefined): Promise<void> {
  const failed = (name: string, cause: unknown) =>
    new UpstreamError("STORAGE_MIGRATION_FAILED", `Database migration ${name} failed.`, { cause });
  const tableSchema = await migrationTableSchemaOf(db).catch((error: unknown) => {
    throw failed("(setup)", error);
  });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...tableSchema });
  const { error, results } = await (target === undefined ? migrator.migrateToLatest() : migrator.migrateTo(target));
  if (error === undefined) return;
  throw failed(results?.find((result) => result.status === "Error")?.migrationName ?? "(setup)", error);
}

// Kysely looks for its migration tables in every schema of a PostgreSQL database unless told which one:
// another schema's tables (another instance, another test run) would make it skip creating its own.
async function migrationTableSchemaOf(db: Kysely<DatabaseSchema>): Promise<{ migrationTableSchema?: string }> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return {};
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
  const schema = rows[0]?.schema;
  return schema ? { migrationTableSchema: schema } : {};
}
