import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, describe, it } from "node:test";
import { sql } from "kysely";
import { KyselyStore } from "../../src/adapters/storage/kysely-store.ts";
import { migrateToLatest } from "../../src/adapters/storage/migrate.ts";
import { openSqliteDatabase } from "../../src/adapters/storage/open-sqlite-database.ts";
import { aCredential } from "./store-fixtures.ts";

const rounds = Number(process.env.REPOLINK_CRASH_ROUNDS ?? "5");
const writer = fileURLToPath(new URL("./fixtures/sqlite-crash-writer.ts", import.meta.url));
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "repolink-durability-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the writer until it has committed a little, kills it with SIGKILL, returns the lines it printed. */
async function runAndKill(file: string, credentialId: string): Promise<string[]> {
  const child = spawn(process.execPath, ["--import", "tsx", writer, file, credentialId], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  let armed = false;
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    if (armed) return;
    armed = true;
    setTimeout(() => child.kill("SIGKILL"), 20 + Math.floor(Math.random() * 300));
  });
  const timeout = setTimeout(() => child.kill("SIGKILL"), 20_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on("close", (c, s) => resolve([c, s])),
  );
  clearTimeout(timeout);
  assert.ok(armed, `the writer committed nothing (exit ${code}): ${err}`);
  assert.equal(signal, "SIGKILL", `the writer died on its own (exit ${code}): ${err}`);
  // Only whole lines were fully written after their commit returned.
  return out.split("\n").slice(0, -1);
}

describe("SQLite durability", () => {
  it("runs with WAL, synchronous=FULL, foreign keys and a busy timeout, in 0600 files", async () => {
    const file = join(dir, "pragmas.db");
    const db = openSqliteDatabase(file);
    try {
      await migrateToLatest(db);
      const pragma = async (name: string) => Object.values((await sql.raw(`PRAGMA ${name}`).execute(db)).rows[0] as object)[0];
      assert.equal(await pragma("journal_mode"), "wal");
      assert.equal(await pragma("synchronous"), 2, "synchronous=FULL is 2");
      assert.equal(await pragma("foreign_keys"), 1);
      assert.equal(await pragma("busy_timeout"), 5000);
      for (const name of [file, `${file}-wal`, `${file}-shm`]) {
        assert.equal(statSync(name).mode & 0o777, 0o600, `${name} must be 0600`);
      }
    } finally {
      await db.destroy();
    }
  });

  it(`keeps every acknowledged write across ${rounds} kill -9s, and stays intact`, { timeout: 60_000 + rounds * 20_000 }, async (t) => {
    const file = join(dir, "crash.db");
    const credential = aCredential({ secretBox: "box-v1", secretVersion: 1 });
    const setupDb = openSqliteDatabase(file);
    await migrateToLatest(setupDb);
    const setup = new KyselyStore(setupDb);
    await setup.credentials.insert(credential);
    await setup.close();

    let acknowledged = 0;
    for (let round = 0; round < rounds; round += 1) {
      const lines = await runAndKill(file, credential.id);
      const db = openSqliteDatabase(file);
      try {
        const store = new KyselyStore(db);
        assert.deepEqual((await sql`PRAGMA integrity_check`.execute(db)).rows, [{ integrityCheck: "ok" }]);
        const stored = new Set((await db.selectFrom("audit_events").select("id").execute()).map((row) => row.id));
        for (const line of lines) assert.ok(stored.has(line.split(" ")[0] ?? ""), `round ${round}: lost acknowledged write ${line}`);
        const last = Number(lines.at(-1)?.split(" ")[1] ?? acknowledged);
        const now = await store.credentials.findById(credential.id);
        assert.ok(now, "credential lost");
        assert.ok(now.secretVersion >= last, `round ${round}: version ${now.secretVersion} < acknowledged ${last}`);
        assert.equal(now.secretBox, `box-v${now.secretVersion}`, "box and version must change together");
        assert.equal(stored.size, now.secretVersion - 1, "each rotation and its audit event land together");
        acknowledged = now.secretVersion;
      } finally {
        await db.destroy();
      }
    }
    assert.ok(acknowledged > rounds, "the writers made progress");
    t.diagnostic(`${rounds} kills survived (sqlite): ${acknowledged - 1} acknowledged writes kept; integrity_check ok`);
  });
});
