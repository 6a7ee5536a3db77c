import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadConfig } from "../../../config/load-config.ts";
import { ConflictError, InputError, NotFoundError, UpstreamError } from "../../../core/errors.ts";
import { inspectSqliteStore } from "../../../adapters/storage/inspect-sqlite-store.ts";
import { backupSqlite } from "../../../adapters/storage/online-backup.ts";
import { postgresClientCommand } from "../../../adapters/storage/postgres-client-command.ts";
import { schemaVersionOf } from "../../../adapters/storage/check-schema-version.ts";
import { printResult } from "../output.ts";

/**
 * `repolink backup`: a consistent copy of the live SQLite database (0600) while the server runs,
 * checked after it is written. It holds ciphertext only; the master key is kept apart.
 * @throws InputError `BACKUP_POSTGRES_USE_PG_DUMP` on PostgreSQL, with the command to run instead
 * @throws NotFoundError `BACKUP_SOURCE_MISSING`; ConflictError `BACKUP_OUT_EXISTS`; UpstreamError `BACKUP_INTEGRITY_FAILED`
 */
export async function backup(opts: { out: string; dataDir?: string; json: boolean }): Promise<void> {
  const config = loadConfig(process.env, opts.dataDir ? { dataDir: opts.dataDir } : {});
  const out = resolve(opts.out);
  if (config.databaseUrl) {
    throw new InputError(
      "BACKUP_POSTGRES_USE_PG_DUMP",
      "The database is PostgreSQL (DATABASE_URL): back it up with PostgreSQL's own tool, which copies a consistent " +
        "snapshot while the servers run (give the password with PGPASSWORD or ~/.pgpass):\n" +
        `  ${postgresClientCommand("pg_dump", config.databaseUrl, out)}`,
      "DATABASE_URL",
    );
  }
  const source = join(config.dataDir, "repolink.db");
  if (!existsSync(source)) {
    throw new NotFoundError("BACKUP_SOURCE_MISSING", `No database at ${source}: pass the server's --data-dir (or REPOLINK_DATA_DIR).`);
  }
  if (existsSync(out)) throw new ConflictError("BACKUP_OUT_EXISTS", `${out} already exists; choose a new file for the backup.`);
  await backupSqlite(source, out);
  const facts = inspectSqliteStore(out);
  if (facts.integrity !== "ok") {
    throw new UpstreamError("BACKUP_INTEGRITY_FAILED", `The copy in ${out} fails SQLite's integrity check (${facts.integrity}).`);
  }
  const schemaVersion = schemaVersionOf(facts.migrations);
  const key = facts.masterKeyId ?? "(not recorded yet: start the server once with this version)";
  printResult(opts.json, { file: out, schemaVersion, masterKeyId: facts.masterKeyId, credentials: facts.credentials }, () =>
    [
      `Backed up ${source} to ${out} (schema ${schemaVersion}, ${facts.credentials} credentials, integrity ok).`,
      `It holds ciphertext only. Restoring it needs master key ${key}, which is not in the backup: keep the key separately.`,
    ].join("\n"),
  );
}
