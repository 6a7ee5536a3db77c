import Database from "better-sqlite3";
import { InputError } from "../../core/errors.ts";

/** What a Repolink SQLite file says about itself. */
export interface SqliteStoreFacts {
  /** "ok", or SQLite's first complaint. */
  integrity: string;
  /** The migrations applied to it. */
  migrations: string[];
  /** Id of the master key that seals it; null when the store never recorded one. */
  masterKeyId: string | null;
  credentials: number;
}

/**
 * Opens a Repolink SQLite file and checks it: `PRAGMA integrity_check`, its migrations, its master key id.
 * @throws InputError `BACKUP_UNREADABLE` (field `file`) when it is not a SQLite database, or not Repolink's
 */
export function inspectSqliteStore(file: string): SqliteStoreFacts {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    const integrity = (db.pragma("integrity_check") as { integrity_check: string }[])[0]?.integrity_check ?? "no answer";
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name),
    );
    if (!tables.has("kysely_migration") || !tables.has("credentials")) throw new Error("no Repolink tables");
    const migrations = (db.prepare("SELECT name FROM kysely_migration").all() as { name: string }[]).map((row) => row.name);
    const fact = tables.has("store_facts")
      ? (db.prepare("SELECT value FROM store_facts WHERE name = 'master_key_id'").get() as { value: string } | undefined)
      : undefined;
    const credentials = (db.prepare("SELECT count(*) AS n FROM credentials").get() as { n: number }).n;
    return { integrity, migrations, masterKeyId: fact?.value ?? null, credentials };
  } catch (error) {
    const reason = error instanceof Error ? error.message : "unreadable";
    throw new InputError("BACKUP_UNREADABLE", `${file} is not a Repolink SQLite database (${reason}).`, "file");
  } finally {
    db?.close();
  }
}
