import Database from "better-sqlite3";
import { type Kysely, SqliteDialect } from "kysely";
import { createDatabase } from "./create-database.ts";
import type { DatabaseSchema } from "./database-schema.ts";
import { createPrivateFile, restrictExistingFiles } from "./create-private-file.ts";

/**
 * Opens (creating 0600 if missing) the SQLite file in WAL mode with `synchronous=FULL`,
 * foreign keys on and a 5 s busy timeout; the directory must already exist.
 */
export function openSqliteDatabase(file: string): Kysely<DatabaseSchema> {
  // SQLite gives -wal and -shm the main file's mode, so a 0600 main file keeps them private.
  createPrivateFile(file);
  const sqlite = new Database(file);
  try {
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("journal_mode = WAL");
    // FULL: a commit that returned survives power loss and kill -9 (SECURITY.md item 32).
    sqlite.pragma("synchronous = FULL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("secure_delete = ON");
    sqlite.prepare("SELECT count(*) FROM sqlite_master").get();
  } catch (error) {
    sqlite.close();
    throw error;
  }
  restrictExistingFiles([`${file}-wal`, `${file}-shm`]);
  return createDatabase(new SqliteDialect({ database: withStatementCache(sqlite) }));
}

const maxCachedStatements = 500;

// Kysely prepares every query anew; preparing costs more than running these small
// queries, and Kysely runs one query at a time on SQLite, so reusing statements is safe.
function withStatementCache(sqlite: Database.Database): { close(): void; prepare(sql: string): Database.Statement } {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (sql) => {
      let statement = cache.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (cache.size < maxCachedStatements) cache.set(sql, statement);
      }
      return statement;
    },
  };
}
