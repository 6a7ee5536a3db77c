import Database from "better-sqlite3";
import { join } from "node:path";

// Rows a refused request may still write, by design: the audit trail of the refusal itself (SECURITY: every
// refusal is audited) and the caller's token's last use (tokens list their last use, issue 14 item 3).
const BOOKKEEPING: Record<string, readonly string[] | "all"> = {
  audit_events: "all",
  api_tokens: ["last_used_at"],
};

/**
 * Every row of every table of a SQLite data dir, read through a separate read-only connection, minus the
 * bookkeeping a refusal writes on purpose; compare two with deepEqual to prove a request stored nothing.
 */
export function storeSnapshot(dataDir: string): Record<string, unknown[]> {
  const db = new Database(join(dataDir, "repolink.db"), { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
      name: string;
    }[];
    const snapshot: Record<string, unknown[]> = {};
    for (const { name } of tables) {
      const skip = BOOKKEEPING[name];
      if (skip === "all") continue;
      const rows = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all() as Record<string, unknown>[];
      snapshot[name] = rows.map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !skip?.includes(column))));
    }
    return snapshot;
  } finally {
    db.close();
  }
}
