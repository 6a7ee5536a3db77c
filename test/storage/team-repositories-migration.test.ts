import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { type Kysely, sql } from "kysely";
import type { DatabaseSchema } from "../../src/adapters/storage/database-schema.ts";
import { KyselyStore } from "../../src/adapters/storage/kysely-store.ts";
import { migrateTo, migrateToLatest } from "../../src/adapters/storage/migrate.ts";
import { openPostgresDatabase } from "../../src/adapters/storage/open-postgres-database.ts";
import { openSqliteDatabase } from "../../src/adapters/storage/open-sqlite-database.ts";
import { AppError } from "../../src/core/errors.ts";
import { dropSchema, postgresSkip, postgresTestUrl, uniqueSchemaName } from "../support/postgres-test-database.ts";
import { aCheck, aCredential, aRepository, at, aUser, beforeHostFacts } from "./store-fixtures.ts";

type Open = () => Promise<{ db: Kysely<DatabaseSchema>; cleanup: () => Promise<void> }>;

/** Rows as the red team left them: a member's duplicate registration (F1), a squatted name (F6), a shadowing credential. */
function mergesAndReports(open: Open) {
  return async () => {
    const { db, cleanup } = await open();
    try {
      await migrateTo(db, "007-store-facts");
      const old = new KyselyStore(db);
      const alice = aUser({ username: "alice" });
      const bob = aUser({ username: "bob" });
      await old.users.insert(alice);
      await old.users.insert(bob);
      const releaseBot = aCredential({ name: "release-bot" });
      const aliceOwn = aCredential({ name: "alice-own", scope: "private", ownerId: alice.id, createdBy: "alice" });
      const deploy = aCredential({ name: "deploy" });
      const bobDeploy = aCredential({ name: "deploy", scope: "private", ownerId: bob.id, createdBy: "bob" });
      // The schema before 009 has no release column (012 adds it): the rows are written without it.
      for (const c of [releaseBot, aliceOwn, deploy, bobDeploy]) await old.credentials.insert({ ...c, release: undefined });
      const team = aRepository(releaseBot.id, { name: "acme/rocket", path: "acme/rocket", createdAt: at(1) });
      const duplicate = aRepository(aliceOwn.id, {
        name: "rocket-mine",
        path: "acme/Rocket",
        url: "https://github.com/acme/Rocket.git",
        createdBy: "alice",
        createdAt: at(2),
      });
      const squatter = aRepository(releaseBot.id, { name: "acme/widget", path: "octocat/hello", createdBy: "bob", createdAt: at(3) });
      const otherHost = aRepository(releaseBot.id, {
        name: "ghe-rocket",
        hostName: "ghe.example.com",
        path: "acme/rocket",
        createdAt: at(4),
      });
      for (const r of [team, duplicate, squatter, otherHost]) await old.repositories.insert(beforeHostFacts(r));
      await old.repositories.addCheck(aCheck(duplicate.id, 5));
      const oldToken = sql`INSERT INTO api_tokens (id, user_id, name, secret_hash, created_at)
        VALUES ('t1', ${alice.id}, 'ci', 'h', ${at(0)})`;
      await oldToken.execute(db);

      await migrateToLatest(db);
      const store = new KyselyStore(db);
      assert.deepEqual(
        (await store.repositories.list()).map((r) => [r.id, r.name, r.credentialId]),
        [
          [team.id, "acme/rocket", releaseBot.id],
          [otherHost.id, "ghe.example.com:acme/rocket", releaseBot.id],
          [squatter.id, "octocat/hello", releaseBot.id],
        ].sort((a, b) => ((a[1] ?? "") < (b[1] ?? "") ? -1 : 1)),
      );
      // Alice's pipelines keep her credential for the repository, now as her mapping.
      assert.deepEqual(await store.mappings.find(team.id, alice.id), {
        repositoryId: team.id,
        userId: alice.id,
        credentialId: aliceOwn.id,
        createdAt: (await store.mappings.find(team.id, alice.id))?.createdAt,
      });
      assert.equal((await store.credentials.findById(bobDeploy.id))?.name, "deploy-private");
      assert.equal((await store.credentials.findById(deploy.id))?.name, "deploy");
      const token = await store.apiTokens.findById("t1");
      assert.deepEqual([token?.repos, token?.access, token?.expiresAt], [null, "push", null]);

      const audit = await store.audit.list({ limit: 50 });
      const merge = audit.find((e) => e.action === "repository.merge");
      assert.equal(merge?.targetId, team.id);
      assert.deepEqual(
        (merge?.detail.merged as { id: string; name: string; mappedFor: string | null }[]).map((m) => [m.id, m.name, m.mappedFor]),
        [[duplicate.id, "rocket-mine", alice.id]],
      );
      assert.deepEqual(
        audit
          .filter((e) => e.action === "repository.rename")
          .map((e) => [e.targetId, e.detail.from, e.detail.to])
          .sort(),
        [
          [otherHost.id, "ghe-rocket", "ghe.example.com:acme/rocket"],
          [squatter.id, "acme/widget", "octocat/hello"],
        ].sort(),
      );
      assert.ok(audit.some((e) => e.action === "credential.rename" && e.targetId === bobDeploy.id));

      // From now on the database itself keeps one registration per host and path.
      await assert.rejects(
        store.repositories.insert(aRepository(releaseBot.id, { name: "x", path: "ACME/ROCKET" })),
        (error: unknown) => error instanceof AppError && error.code === "REPOSITORY_ALREADY_REGISTERED",
      );
    } finally {
      await cleanup();
    }
  };
}

describe("migration 009: repositories become team records", () => {
  it(
    "merges duplicates into one record (a merged private credential becomes its owner's mapping), derives names, reports all (SQLite)",
    mergesAndReports(async () => {
      const dir = mkdtempSync(join(tmpdir(), "repolink-migrate-009-"));
      const db = openSqliteDatabase(join(dir, "repolink.db"));
      return { db, cleanup: async () => (await db.destroy(), rmSync(dir, { recursive: true, force: true })) };
    }),
  );

  it(
    "merges duplicates into one record (a merged private credential becomes its owner's mapping), derives names, reports all (PostgreSQL)",
    { skip: postgresSkip },
    mergesAndReports(async () => {
      const schema = uniqueSchemaName();
      const db = openPostgresDatabase(postgresTestUrl, { schema });
      return { db, cleanup: async () => (await db.destroy(), await dropSchema(schema)) };
    }),
  );
});
