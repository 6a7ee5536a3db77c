import Database from "better-sqlite3";
import { createPrivateFile } from "./create-private-file.ts";

/**
 * Copies a live SQLite database to `destFile` (0600) with SQLite's online backup API,
 * consistent even while other connections write.
 */
export async function backupSqlite(dbFile: string, destFile: string): Promise<void> {
  createPrivateFile(destFile);
  const source = new Database(dbFile, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    await source.backup(destFile);
  } finally {
    source.close();
  }
}
