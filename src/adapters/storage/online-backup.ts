import Database from "better-sqlite3";
import { createPrivateFile } from "./create-private-file.ts";

/**
 * Copies a live SQLite database to `destFile` (0600) with SQLite's online backup API,
 * consistent even while other connections write; blocks this thread while it copies.
 */
export async function backupSqlite(dbFile: string, destFile: string): Promise<void> {
  createPrivateFile(destFile);
  const source = new Database(dbFile, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    // One step for all pages: under steady writes from other connections, SQLite restarts
    // a stepwise backup on every change and might never finish (SECURITY.md item 34).
    await source.backup(destFile, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
}
