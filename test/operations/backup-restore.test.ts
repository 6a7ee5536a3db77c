import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { loadConfig } from "../../src/config/load-config.ts";
import { openPayload } from "../../src/core/credentials/open-credential-secret.ts";
import { masterKeyId } from "../../src/adapters/crypto/master-key-id.ts";
import { openRuntime } from "../../src/main.ts";
import { runCli, startServe } from "../support/run-cli.ts";

const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));
}

function errorCode(stdout: string): string | undefined {
  return (JSON.parse(stdout) as { error?: { code?: string } }).error?.code;
}

describe("repolink backup and restore (SQLite)", () => {
  const root = mkdtempSync(join(tmpdir(), "repolink-backup-cli-"));
  const live = join(root, "live");
  const backupFile = join(root, "repolink-backup.db");
  const key = randomBytes(32).toString("hex");
  const env = { REPOLINK_MASTER_KEY: key, REPOLINK_LOG_LEVEL: "warn" };
  /** Names of the credentials the server acknowledged before the backup started. */
  const ackedBefore: string[] = [];

  before(async () => {
    const admin = await runCli(["admin", "create", "--username", "admin", "--password-stdin", "--data-dir", live], {
      env,
      stdin: "backup admin password",
    });
    assert.equal(admin.code, 0, admin.stderr);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it("backs up while the server takes writes; restore gives a store where every secret decrypts", { timeout: 120_000 }, async () => {
    const server = await startServe(["--data-dir", live], env);
    try {
      const api = async (path: string, body: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> }> => {
        const response = await fetch(`${server.url}/api/v1${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      };
      const token = String((await api("/auth/token", { username: "admin", password: "backup admin password", name: "load" })).body.token);
      const acked: string[] = [];
      let writing = true;
      const writer = async (lane: number): Promise<void> => {
        for (let i = 0; writing; i++) {
          const name = `load-${lane}-${i}`;
          const created = await api(
            "/credentials",
            { name, type: "token", username: "bot", secret: `secret-of-${name}`, validate: false },
            token,
          );
          assert.equal(created.status, 201, JSON.stringify(created.body));
          acked.push(name);
        }
      };
      const writers = [writer(1), writer(2)];
      while (acked.length < 20) await new Promise((resolve) => setTimeout(resolve, 20));
      ackedBefore.push(...acked);
      const made = await runCli(["--json", "backup", "--out", backupFile, "--data-dir", live], { env });
      const ackedDuring = acked.length - ackedBefore.length;
      writing = false;
      await Promise.all(writers);
      assert.equal(made.code, 0, made.stderr);
      assert.ok(ackedDuring > 0, "no write was acknowledged while the backup ran: it was not under load");
      const report = JSON.parse(made.stdout) as { masterKeyId: string; schemaVersion: string };
      assert.equal(report.masterKeyId, masterKeyId(Buffer.from(key, "hex")));
      assert.equal(statSync(backupFile).mode & 0o777, 0o600);
      const whileServing = await runCli(["--json", "restore", "--in", backupFile, "--data-dir", live, "--force"], { env });
      assert.equal(whileServing.code, 1, whileServing.stderr);
      assert.equal(errorCode(whileServing.stdout), "RESTORE_SERVER_RUNNING");
      assert.match(whileServing.stdout, new RegExp(`process ${server.child.pid}`));
    } finally {
      server.child.kill("SIGTERM");
      assert.equal(await exited(server.child), 0);
    }
    assert.equal(existsSync(join(live, "serve.pid")), false, "the server left its pid file behind");

    const restored = join(root, "restored");
    const done = await runCli(["restore", "--in", backupFile, "--data-dir", restored], { env });
    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stdout, /is the one it needs/);

    const runtime = await openRuntime(loadConfig({ ...env, REPOLINK_DATA_DIR: restored }), { logDestination: quiet });
    try {
      assert.equal(runtime.sealedReason, null);
      const credentials = await runtime.deps.store.credentials.list();
      const names = new Set(credentials.map((c) => c.name));
      assert.deepEqual(
        ackedBefore.filter((name) => !names.has(name)),
        [],
        "a write acknowledged before the backup is missing",
      );
      for (const credential of credentials) {
        assert.deepEqual(await openPayload(runtime.deps, credential), { kind: "token", token: `secret-of-${credential.name}` });
      }
    } finally {
      await runtime.close();
    }

    const again = await runCli(["--json", "restore", "--in", backupFile, "--data-dir", restored], { env });
    assert.equal(again.code, 1);
    assert.equal(errorCode(again.stdout), "RESTORE_TARGET_NOT_EMPTY");
    const forced = await runCli(["restore", "--in", backupFile, "--data-dir", restored, "--force"], { env });
    assert.equal(forced.code, 0, forced.stderr);
  });

  it("restored with another master key, the store stays sealed and names the key it needs", async () => {
    const elsewhere = join(root, "elsewhere");
    const otherKey = randomBytes(32).toString("hex");
    const expected = masterKeyId(Buffer.from(key, "hex"));
    const done = await runCli(["restore", "--in", backupFile, "--data-dir", elsewhere], { env: { REPOLINK_MASTER_KEY: otherKey } });
    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stdout, new RegExp(`WARNING: this backup needs master key ${expected}`));

    const runtime = await openRuntime(loadConfig({ REPOLINK_MASTER_KEY: otherKey, REPOLINK_DATA_DIR: elsewhere }), {
      logDestination: quiet,
    });
    try {
      assert.match(runtime.sealedReason ?? "", new RegExp(`This store needs master key ${expected}; the key given is mk-[0-9a-f]{16}`));
      const credential = (await runtime.deps.store.credentials.list())[0]!;
      await assert.rejects(openPayload(runtime.deps, credential), { code: "STORE_SEALED" });
    } finally {
      await runtime.close();
    }
  });

  it("refuses a file that is not a Repolink database, and explains pg_dump for PostgreSQL without the password", async () => {
    const garbage = join(root, "garbage.db");
    writeFileSync(garbage, "not a database at all, just some bytes that SQLite will refuse to open as one");
    const refused = await runCli(["--json", "restore", "--in", garbage, "--data-dir", join(root, "nothing")], { env });
    assert.equal(refused.code, 2, refused.stderr);
    assert.equal(errorCode(refused.stdout), "BACKUP_UNREADABLE");

    const password = `pw-${randomBytes(6).toString("hex")}`;
    const postgres = await runCli(["backup", "--out", join(root, "pg.dump")], {
      env: { ...env, DATABASE_URL: `postgres://repolink:${password}@db.internal:5432/repolink` },
    });
    assert.equal(postgres.code, 2);
    assert.match(
      postgres.stderr,
      /pg_dump --format=custom --file='[^']+pg\.dump' --dbname='postgres:\/\/db\.internal:5432\/repolink' --username='repolink'/,
    );
    assert.ok(!(postgres.stdout + postgres.stderr).includes(password), "the password was printed");
  });
  it("restores over the data dir of a server that was killed (its pid file is stale) once forced", async () => {
    const dir = join(root, "killed");
    const admin = await runCli(["admin", "create", "--username", "admin", "--password-stdin", "--data-dir", dir], {
      env,
      stdin: "killed admin password",
    });
    assert.equal(admin.code, 0, admin.stderr);
    const server = await startServe(["--data-dir", dir], env);
    server.child.kill("SIGKILL");
    await exited(server.child);
    assert.ok(existsSync(join(dir, "serve.pid")), "a killed server cannot remove its pid file");
    const restored = await runCli(["--json", "restore", "--in", backupFile, "--data-dir", dir, "--force"], { env });
    assert.equal(restored.code, 0, restored.stdout);
  });
});
