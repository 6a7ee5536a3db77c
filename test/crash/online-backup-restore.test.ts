import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { after, describe, it } from "node:test";
import { sql } from "kysely";
import { loadConfig } from "../../src/config/load-config.ts";
import { systemActor } from "../../src/core/access/actor.ts";
import { createCredential } from "../../src/core/credentials/create-credential.ts";
import { openPayload } from "../../src/core/credentials/open-credential-secret.ts";
import { backupSqlite } from "../../src/adapters/storage/online-backup.ts";
import { openSqliteDatabase } from "../../src/adapters/storage/open-sqlite-database.ts";
import { openRuntime } from "../../src/main.ts";

const WRITES_BEFORE_BACKUP = 20;
const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });

describe("online backup of SQLite under write load (SECURITY 34)", () => {
  const root = mkdtempSync(join(tmpdir(), "repolink-backup-"));
  const masterKey = randomBytes(32).toString("hex");
  after(() => rmSync(root, { recursive: true, force: true }));

  it("restores to a store that passes the integrity check and opens every secret", async () => {
    const live = join(root, "live");
    const restored = join(root, "restored");
    mkdirSync(restored, { mode: 0o700 });
    const runtime = await openRuntime(loadConfig({ REPOLINK_DATA_DIR: live, REPOLINK_MASTER_KEY: masterKey }), { logDestination: quiet });
    let written = 0;
    let writing = true;
    let loaded = (): void => undefined;
    const underLoad = new Promise<void>((resolve) => (loaded = resolve));
    const writer = (async () => {
      while (writing) {
        await createCredential(runtime.deps, systemActor, {
          name: `load-${written}`,
          secret: { kind: "token", secret: `backup-secret-${written}` },
          validate: false,
        });
        written += 1;
        if (written === WRITES_BEFORE_BACKUP) loaded();
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    // Back up once the load has acknowledged some writes, however long that took; the writer keeps going.
    await Promise.race([underLoad, writer]);
    const beforeBackup = written;
    await backupSqlite(join(live, "repolink.db"), join(restored, "repolink.db"));
    writing = false;
    await writer;
    await runtime.close();

    const db = openSqliteDatabase(join(restored, "repolink.db"));
    const integrity = await sql<{ integrityCheck: string }>`PRAGMA integrity_check`.execute(db);
    assert.equal(integrity.rows[0]?.integrityCheck, "ok");
    await db.destroy();

    const copy = await openRuntime(loadConfig({ REPOLINK_DATA_DIR: restored, REPOLINK_MASTER_KEY: masterKey }), { logDestination: quiet });
    const credentials = await copy.deps.store.credentials.list();
    assert.ok(
      credentials.length >= beforeBackup && beforeBackup > 0,
      `backup holds ${credentials.length} of at least ${beforeBackup} acknowledged writes`,
    );
    for (const credential of credentials) {
      const payload = await openPayload(copy.deps, credential);
      assert.deepEqual(payload, { kind: "token", token: `backup-secret-${credential.name.slice(5)}` });
    }
    await copy.close();
  });
});
