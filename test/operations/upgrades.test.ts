import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import pg from "pg";
import { knownMigrations } from "../../src/adapters/storage/migrate.ts";
import { createTestDatabase, postgresSkip } from "../support/postgres-test-database.ts";
import { runCli, startServe } from "../support/run-cli.ts";

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));
}

/** The migrations an instance says it applied, from its JSON log lines. */
function migrationsApplied(output: string): string[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { msg?: string; migrations?: string[] })
    .filter((entry) => entry.msg === "migrated the database")
    .flatMap((entry) => entry.migrations ?? []);
}

describe("upgrades: migrations at start", () => {
  it(
    "three instances starting at once on one PostgreSQL database migrate it exactly once",
    { skip: postgresSkip, timeout: 120_000 },
    async () => {
      const database = await createTestDatabase("migrate3");
      const dataDirs = [1, 2, 3].map((n) => mkdtempSync(join(tmpdir(), `repolink-migrate-${n}-`)));
      const env = { DATABASE_URL: database.url, REPOLINK_MASTER_KEY: randomBytes(32).toString("hex"), REPOLINK_LOG_LEVEL: "info" };
      const started = await Promise.allSettled(dataDirs.map((dir) => startServe(["--data-dir", dir], env)));
      try {
        const failures = started.flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : []));
        assert.deepEqual(failures, [], "every instance starts");
        const instances = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
        const applied = instances.flatMap((instance) => migrationsApplied(instance.output()));
        assert.deepEqual([...applied].sort(), [...knownMigrations], "each migration applied by exactly one instance");
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        try {
          const { rows } = await client.query<{ name: string }>("SELECT name FROM kysely_migration ORDER BY name");
          assert.deepEqual(
            rows.map((row) => row.name),
            [...knownMigrations],
          );
        } finally {
          await client.end();
        }
        for (const instance of instances) {
          const response = await fetch(`${instance.url}/healthz`);
          assert.equal(response.status, 200);
        }
      } finally {
        for (const result of started) {
          if (result.status !== "fulfilled") continue;
          result.value.child.kill("SIGTERM");
          assert.equal(await exited(result.value.child), 0);
        }
        await database.drop();
        for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it("an older binary refuses a database a newer version migrated, naming both versions", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "repolink-newer-schema-"));
    const env = { REPOLINK_MASTER_KEY: randomBytes(32).toString("hex"), REPOLINK_LOG_LEVEL: "warn" };
    try {
      const admin = await runCli(["admin", "create", "--username", "admin", "--password-stdin", "--data-dir", dataDir], {
        env,
        stdin: "upgrade admin password",
      });
      assert.equal(admin.code, 0, admin.stderr);
      // What a newer Repolink leaves behind: a migration this binary has never heard of.
      const sqlite = new Database(join(dataDir, "repolink.db"));
      sqlite
        .prepare("INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)")
        .run("999-from-a-newer-repolink", new Date().toISOString());
      sqlite.close();

      const refused = await runCli(["--json", "serve", "--port", "0", "--data-dir", dataDir], { env });
      assert.equal(refused.code, 1, refused.stderr);
      const error = (JSON.parse(refused.stdout) as { error: { code: string; message: string } }).error;
      assert.equal(error.code, "SCHEMA_NEWER_THAN_BINARY");
      assert.match(error.message, /schema is at version 999-from-a-newer-repolink/);
      assert.ok(error.message.includes(`up to ${knownMigrations.at(-1)}`), error.message);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
