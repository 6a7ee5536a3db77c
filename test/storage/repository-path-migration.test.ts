import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { type Kysely, sql } from "kysely";
import type { DatabaseSchema } from "../../src/adapters/storage/database-schema.ts";
import { KyselyStore } from "../../src/adapters/storage/kysely-store.ts";
import { migrateTo } from "../../src/adapters/storage/migrate.ts";
import { openPostgresDatabase } from "../../src/adapters/storage/open-postgres-database.ts";
import { openSqliteDatabase } from "../../src/adapters/storage/open-sqlite-database.ts";
import { dropSchema, postgresSkip, postgresTestUrl, uniqueSchemaName } from "../support/postgres-test-database.ts";

/** A repository row of the schema before 006, with owner and repo columns. */
async function insertOldRepository(db: Kysely<DatabaseSchema>, id: string, name: string, hostName: string, owner: string, repo: string) {
  const query = sql`INSERT INTO repositories (id, name, host_name, owner, repo, url, protocol, credential_id, default_branch, needs, status,
      reason_code, message, remedy, last_checked_at, created_by, created_at)
    VALUES (${id}, ${name}, ${hostName}, ${owner}, ${repo}, ${`https://${hostName}/${owner}/${repo}.git`}, 'https', NULL, 'main',
      'push', 'failing', 'GITHUB_TOKEN_REVOKED', 'revoked', 'rotate', '2024-01-01T00:00:04.000Z', 'admin', '2024-01-01T00:00:00.000Z')`;
  await query.execute(db);
}

function migrationKeepsRepositories(open: () => Promise<{ db: Kysely<DatabaseSchema>; cleanup: () => Promise<void> }>) {
  return async () => {
    const { db, cleanup } = await open();
    try {
      await migrateTo(db, "005-repositories-by-path");
      await insertOldRepository(db, "r1", "octocat/hello", "github.com", "octocat", "Hello");
      await insertOldRepository(db, "r2", "release-bot-hello", "ghe.example.com", "octocat", "hello");
      await insertOldRepository(db, "r3", "tools", "github.com", "acme", "tools");
      await sql`INSERT INTO repository_checks (id, repository_id, at, status, reason_code, steps)
        VALUES ('c1', 'r1', '2024-01-01T00:00:04.000Z', 'failing', 'GITHUB_TOKEN_REVOKED', '[{"name":"token","status":"failed"}]')`.execute(
        db,
      );

      // Stops before 009, which renames repositories after their paths (test/storage/team-repositories-migration.test.ts).
      await migrateTo(db, "007-store-facts");
      const store = new KyselyStore(db);
      const hello = await store.repositories.findByName("octocat/hello");
      assert.deepEqual(hello, {
        id: "r1",
        name: "octocat/hello",
        hostName: "github.com",
        path: "octocat/Hello",
        owner: "octocat",
        repo: "Hello",
        url: "https://github.com/octocat/Hello.git",
        protocol: "https",
        credentialId: null,
        defaultBranch: "main",
        needs: "push",
        status: "failing",
        reasonCode: "GITHUB_TOKEN_REVOKED",
        message: "revoked",
        remedy: "rotate",
        lastCheckedAt: "2024-01-01T00:00:04.000Z",
        createdBy: "admin",
        createdAt: "2024-01-01T00:00:00.000Z",
      });
      assert.deepEqual(
        (await store.repositories.list()).map((r) => [r.id, r.name, r.hostName, r.path]),
        [
          ["r1", "octocat/hello", "github.com", "octocat/Hello"],
          ["r2", "release-bot-hello", "ghe.example.com", "octocat/hello"],
          ["r3", "tools", "github.com", "acme/tools"],
        ],
      );
      assert.deepEqual(
        (await store.repositories.listByPath("OCTOCAT/hello")).map((r) => r.id),
        ["r1", "r2"],
      );
      assert.deepEqual(await store.repositories.listChecks("r1", 10), [
        {
          id: "c1",
          repositoryId: "r1",
          at: "2024-01-01T00:00:04.000Z",
          status: "failing",
          reasonCode: "GITHUB_TOKEN_REVOKED",
          steps: [{ name: "token", status: "failed" }],
        },
      ]);
      // The new schema takes a path of any depth.
      await store.repositories.insert({
        ...hello!,
        id: "r4",
        name: "deep",
        hostName: "plain",
        path: "group/sub/project",
        owner: "group/sub",
        repo: "project",
      });
      assert.equal((await store.repositories.findByName("deep"))?.path, "group/sub/project");
      await migrateTo(db, "005-repositories-by-path");
      const old = await sql<{ id: string; owner: string; repo: string }>`SELECT id, owner, repo FROM repositories ORDER BY id`.execute(db);
      assert.deepEqual(
        old.rows.map((r) => [r.id, r.owner, r.repo]),
        [
          ["r1", "octocat", "Hello"],
          ["r2", "octocat", "hello"],
          ["r3", "acme", "tools"],
          ["r4", "group/sub", "project"],
        ],
      );
    } finally {
      await cleanup();
    }
  };
}

describe("migration 006: a repository is a path on its host (and back)", () => {
  it(
    "keeps every repository, its name and its check history on SQLite",
    migrationKeepsRepositories(async () => {
      const dir = mkdtempSync(join(tmpdir(), "repolink-migrate-"));
      const db = openSqliteDatabase(join(dir, "repolink.db"));
      return { db, cleanup: async () => (await db.destroy(), rmSync(dir, { recursive: true, force: true })) };
    }),
  );

  it(
    "keeps every repository, its name and its check history on PostgreSQL",
    { skip: postgresSkip },
    migrationKeepsRepositories(async () => {
      const schema = uniqueSchemaName();
      const db = openPostgresDatabase(postgresTestUrl, { schema });
      return { db, cleanup: async () => (await db.destroy(), await dropSchema(schema)) };
    }),
  );
});
