import { type Kysely, type Migration, Migrator, PostgresAdapter, sql } from "kysely";
import { UpstreamError } from "../../core/errors.ts";
import { checkSchemaVersion } from "./check-schema-version.ts";
import type { DatabaseSchema } from "./database-schema.ts";
import * as initial from "./migrations/001-initial.ts";
import * as webhooks from "./migrations/002-webhooks.ts";
import * as health from "./migrations/003-health.ts";
import * as hostSshKnownHosts from "./migrations/004-host-ssh-known-hosts.ts";
import * as repositoriesByPath from "./migrations/005-repositories-by-path.ts";
import * as repositoryPath from "./migrations/006-repository-path.ts";
import * as storeFacts from "./migrations/007-store-facts.ts";
import * as healthNotChecked from "./migrations/008-health-not-checked.ts";
import * as teamRepositories from "./migrations/009-team-repositories.ts";
import * as credentialRelease from "./migrations/012-credential-release.ts";
import * as repositoryMoves from "./migrations/014-repository-moves.ts";
import * as repositoryListIndexes from "./migrations/016-repository-list-indexes.ts";
import * as healthBatches from "./migrations/013-health-batches.ts";
import * as webhookSummaries from "./migrations/017-webhook-summaries.ts";
import * as appManifestStates from "./migrations/023-app-manifest-states.ts";

const migrations: Record<string, Migration> = {
  "001-initial": initial,
  "002-webhooks": webhooks,
  "003-health": health,
  "004-host-ssh-known-hosts": hostSshKnownHosts,
  "005-repositories-by-path": repositoriesByPath,
  "006-repository-path": repositoryPath,
  "007-store-facts": storeFacts,
  "008-health-not-checked": healthNotChecked,
  "009-team-repositories": teamRepositories,
  "012-credential-release": credentialRelease,
  "014-repository-moves": repositoryMoves,
  "016-repository-list-indexes": repositoryListIndexes,
  "013-health-batches": healthBatches,
  "017-webhook-summaries": webhookSummaries,
  "023-app-manifest-states": appManifestStates,
};

/** The names of the migrations this binary knows, in the order they run. */
export const knownMigrations: readonly string[] = Object.keys(migrations).sort();

/**
 * Brings the schema to the newest version, from a fixed list of migrations (no folder scan).
 * Kysely's migrator holds a PostgreSQL advisory lock while it runs, so instances starting together
 * on one database migrate once: the others wait, then find nothing to do. (SQLite: one server per file.)
 * @throws ConflictError `SCHEMA_NEWER_THAN_BINARY` when a newer Repolink has migrated the database.
 * @returns the names of the migrations this call applied (none when another instance did them)
 * @throws UpstreamError `STORAGE_MIGRATION_FAILED` naming the migration that failed.
 */
export async function migrateToLatest(db: Kysely<DatabaseSchema>): Promise<string[]> {
  checkSchemaVersion(await appliedMigrations(db), knownMigrations);
  return migrateTo(db, undefined);
}

/**
 * Brings the schema to the version of `target` (a migration's name; undefined for the newest),
 * as tests do to write rows in an older schema.
 * @returns the names of the migrations this call applied
 * @throws UpstreamError `STORAGE_MIGRATION_FAILED` naming the migration that failed.
 */
export async function migrateTo(db: Kysely<DatabaseSchema>, target: string | undefined): Promise<string[]> {
  const failed = (name: string, cause: unknown) =>
    new UpstreamError("STORAGE_MIGRATION_FAILED", `Database migration ${name} failed.`, { cause });
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Kysely looks for its own tables in every schema unless told which one: a schema beside
    // ours that holds them (another test's, another app's) would make it skip creating ours.
    ...(db.getExecutor().adapter instanceof PostgresAdapter
      ? {
          migrationTableSchema: await currentSchema(db).catch((error: unknown) => {
            throw failed("(setup)", error);
          }),
        }
      : {}),
  });
  const { error, results } = await (target === undefined ? migrator.migrateToLatest() : migrator.migrateTo(target));
  if (error === undefined) return (results ?? []).filter((result) => result.status === "Success").map((result) => result.migrationName);
  throw failed(results?.find((result) => result.status === "Error")?.migrationName ?? "(setup)", error);
}

async function currentSchema(db: Kysely<DatabaseSchema>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
  return rows[0]?.schema ?? "public";
}

/** The migrations applied to the database so far; none on a new database. */
export async function appliedMigrations(db: Kysely<DatabaseSchema>): Promise<string[]> {
  try {
    const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db);
    return rows.map((row) => row.name);
  } catch (error) {
    if (isMissingTable(error)) return [];
    throw error;
  }
}

function isMissingTable(error: unknown): boolean {
  // PostgreSQL: undefined_table (42P01); SQLite says so in its message.
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === "42P01" || (typeof message === "string" && message.includes("no such table"));
}
