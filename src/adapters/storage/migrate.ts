import { type Kysely, type Migration, Migrator } from "kysely";
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
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await (target === undefined ? migrator.migrateToLatest() : migrator.migrateTo(target));
  if (error === undefined) return;
  const failed = results?.find((result) => result.status === "Error")?.migrationName ?? "(setup)";
  throw new UpstreamError("STORAGE_MIGRATION_FAILED", `Database migration ${failed} failed.`, { cause: error });
}
