import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import { sql } from "kysely";
import { KyselyStore } from "../../src/adapters/storage/kysely-store.ts";
import { migrateToLatest } from "../../src/adapters/storage/migrate.ts";
import { backupSqlite } from "../../src/adapters/storage/online-backup.ts";
import { openSqliteDatabase } from "../../src/adapters/storage/open-sqlite-database.ts";
import { anAuditEvent } from "./store-fixtures.ts";

const WRITES_BEFORE_BACKUP = 50;
const dir = mkdtempSync(join(tmpdir(), "repolink-backup-"));
after(() => rmSync(dir, { recursive: true, force: true }));

it("backupSqlite copies a database under write load into an intact 0600 file", async () => {
  const file = join(dir, "live.db");
  const db = openSqliteDatabase(file);
  await migrateToLatest(db);
  const store = new KyselyStore(db);
  const written: string[] = [];
  let writing = true;
  let loaded = (): void => undefined;
  const underLoad = new Promise<void>((resolve) => (loaded = resolve));
  const load = (async () => {
    while (writing) {
      const event = anAuditEvent();
      await store.audit.append(event);
      written.push(event.id);
      if (written.length === WRITES_BEFORE_BACKUP) loaded();
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  // Back up once the load has acknowledged some writes, however long that took; the writer keeps going.
  await Promise.race([underLoad, load]);
  const before = written.length;
  const dest = join(dir, "backup.db");
  await backupSqlite(file, dest);
  writing = false;
  await load;
  await store.close();

  assert.equal(statSync(dest).mode & 0o777, 0o600);
  const copy = openSqliteDatabase(dest);
  try {
    assert.deepEqual((await sql`PRAGMA integrity_check`.execute(copy)).rows, [{ integrityCheck: "ok" }]);
    const ids = new Set((await copy.selectFrom("audit_events").select("id").execute()).map((row) => row.id));
    assert.ok(ids.size >= before && before > 0, `backup has ${ids.size} events, ${before} were written before it`);
    for (const id of written.slice(0, before)) assert.ok(ids.has(id), `backup lost ${id}`);
  } finally {
    await copy.destroy();
  }
});
