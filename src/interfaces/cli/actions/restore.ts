import { closeSync, copyFileSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadConfig } from "../../../config/load-config.ts";
import { ConflictError, InputError, SealedError, UpstreamError } from "../../../core/errors.ts";
import { loadMasterKey } from "../../../adapters/crypto/master-key.ts";
import { masterKeyId } from "../../../adapters/crypto/master-key-id.ts";
import { checkSchemaVersion, schemaVersionOf } from "../../../adapters/storage/check-schema-version.ts";
import { createPrivateFile } from "../../../adapters/storage/create-private-file.ts";
import { inspectSqliteStore } from "../../../adapters/storage/inspect-sqlite-store.ts";
import { knownMigrations } from "../../../adapters/storage/migrate.ts";
import { postgresClientCommand } from "../../../adapters/storage/postgres-client-command.ts";
import { runningServerPid } from "../../../adapters/storage/server-pid-file.ts";
import { printResult } from "../output.ts";

/**
 * `repolink restore`, with the server stopped: checks the backup's integrity and schema version,
 * puts it in place as the data dir's database, and says whether the configured master key opens it.
 * @throws InputError `RESTORE_POSTGRES_USE_PG_RESTORE`, `BACKUP_UNREADABLE`; ConflictError `RESTORE_SERVER_RUNNING`,
 *   `RESTORE_TARGET_NOT_EMPTY`, `SCHEMA_NEWER_THAN_BINARY`; UpstreamError `RESTORE_INTEGRITY_FAILED`
 */
export async function restore(opts: { in: string; dataDir?: string; force: boolean; json: boolean }): Promise<void> {
  const config = loadConfig(process.env, opts.dataDir ? { dataDir: opts.dataDir } : {});
  const input = resolve(opts.in);
  if (config.databaseUrl) {
    throw new InputError(
      "RESTORE_POSTGRES_USE_PG_RESTORE",
      "The database is PostgreSQL (DATABASE_URL): restore a pg_dump file with PostgreSQL's own tool, servers stopped:\n" +
        `  ${postgresClientCommand("pg_restore", config.databaseUrl, input)}`,
      "DATABASE_URL",
    );
  }
  const target = join(config.dataDir, "repolink.db");
  const serving = runningServerPid(config.dataDir);
  if (serving !== null) {
    // Even with --force: a running server keeps its database open and would go on writing to the file it had.
    throw new ConflictError(
      "RESTORE_SERVER_RUNNING",
      `A Repolink server (process ${serving}) is using the data dir ${config.dataDir}: stop it (systemctl stop repolink, ` +
        "or SIGTERM), then restore.",
    );
  }
  const present = listDir(config.dataDir);
  if (present.length > 0 && !opts.force) {
    throw new ConflictError(
      "RESTORE_TARGET_NOT_EMPTY",
      `The data dir ${config.dataDir} is not empty (${present.slice(0, 3).join(", ")}${present.length > 3 ? ", …" : ""}): ` +
        "restore into an empty one, or pass --force to replace its database (other files, such as master.key, stay).",
    );
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  // The copy is checked where it will live, then swapped in whole: a failed restore leaves the old database.
  const staged = `${target}.restoring`;
  createPrivateFile(staged);
  copyFileSync(input, staged);
  try {
    const facts = inspectSqliteStore(staged);
    if (facts.integrity !== "ok") {
      throw new UpstreamError(
        "RESTORE_INTEGRITY_FAILED",
        `${input} fails SQLite's integrity check (${facts.integrity}); nothing was restored.`,
      );
    }
    checkSchemaVersion(facts.migrations, knownMigrations);
    syncFile(staged);
    // A write-ahead log left by the old database would be replayed into the restored one.
    for (const leftover of [`${target}-wal`, `${target}-shm`, target]) rmSync(leftover, { force: true });
    renameSync(staged, target);
    syncFile(config.dataDir);
    const key = configuredKeyId(config);
    const opens = facts.masterKeyId === null || key.id === facts.masterKeyId;
    const schemaVersion = schemaVersionOf(facts.migrations);
    printResult(
      opts.json,
      { dataDir: config.dataDir, schemaVersion, credentials: facts.credentials, masterKeyId: facts.masterKeyId, configuredKeyId: key.id },
      () =>
        [
          `Restored ${input} into ${config.dataDir} (schema ${schemaVersion}, ${facts.credentials} credentials, integrity ok).`,
          opens
            ? `The configured master key (${key.id ?? "none"}) is the one it needs.`
            : `WARNING: this backup needs master key ${facts.masterKeyId}, but the configured key is ${key.id ?? key.problem}: ` +
              "the server will start sealed until it is given that key (REPOLINK_MASTER_KEY or REPOLINK_MASTER_KEY_FILE).",
        ].join("\n"),
    );
  } finally {
    rmSync(staged, { force: true });
  }
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

function configuredKeyId(config: ReturnType<typeof loadConfig>): { id: string | null; problem: string } {
  try {
    const master = loadMasterKey({
      keyValue: config.masterKey,
      keyFile: config.masterKeyFile,
      dataDir: config.dataDir,
      mayGenerate: false,
    });
    return { id: masterKeyId(master.key), problem: "" };
  } catch (error) {
    if (!(error instanceof SealedError)) throw error;
    return { id: null, problem: "missing or unreadable" };
  }
}

function syncFile(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
