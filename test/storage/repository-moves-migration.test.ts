import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { Kysely } from "kysely";
import type { DatabaseSchema } from "../../src/adapters/storage/database-schema.ts";
import { KyselyStore } from "../../src/adapters/storage/kysely-store.ts";
import { migrateTo, migrateToLatest } from "../../src/adapters/storage/migrate.ts";
import { openPostgresDatabase } from "../../src/adapters/storage/open-postgres-database.ts";
import { openSqliteDatabase } from "../../src/adapters/storage/open-sqlite-database.ts";
import { dropSchema, postgresSkip, postgresTestUrl, uniqueSchemaName } from "../support/postgres-test-database.ts";
import { aCheck, aCredential, aRepository, aUser, beforeHostFacts } from "./store-fixtures.ts";

type Open = () => Promise<{ db: Kysely<DatabaseSchema>; cleanup: () => Promise<void> }>;

/** A repository registered before 014 keeps everything (its chosen branch, its history) and learns its host facts later. */
function keepsRowsAndStoresMoves(open: Open) {
  return async () => {
    const { db, cleanup } = await open();
    try {
      await migrateTo(db, "012-credential-release");
      const old = new KyselyStore(db);
      await old.users.insert(aUser({ username: "admin" }));
      const credential = aCredential({ name: "release-bot" });
      await old.credentials.insert(credential);
      const repository = aRepository(credential.id, { name: "acme/rocket", path: "acme/rocket", defaultBranch: "release" });
      await old.repositories.insert(beforeHostFacts(repository));
      await old.repositories.addCheck(aCheck(repository.id, 5));

      assert.ok((await migrateToLatest(db)).includes("014-repository-moves"));
      const store = new KyselyStore(db);
      assert.deepEqual(await store.repositories.findById(repository.id), repository);
      assert.equal((await store.repositories.listChecks(repository.id, 10)).length, 1);

      const learnt = {
        hostRepositoryId: "1296269",
        hostDefaultBranch: "trunk",
        movedToPath: "acme-platform/rocket",
        movedToUrl: "https://github.com/acme-platform/rocket.git",
      };
      await store.repositories.update(repository.id, learnt);
      assert.deepEqual(await store.repositories.findById(repository.id), { ...repository, ...learnt });
    } finally {
      await cleanup();
    }
  };
}

describe("migration 014: repositories keep their host id, the host's default branch and where they moved", () => {
  it(
    "keeps existing rows whole and stores the new facts (SQLite)",
    keepsRowsAndStoresMoves(async () => {
      const dir = mkdtempSync(join(tmpdir(), "repolink-migrate-014-"));
      const db = openSqliteDatabase(join(dir, "repolink.db"));
      return { db, cleanup: async () => (await db.destroy(), rmSync(dir, { recursive: true, force: true })) };
    }),
  );

  it(
    "keeps existing rows whole and stores the new facts (PostgreSQL)",
    { skip: postgresSkip },
    keepsRowsAndStoresMoves(async () => {
      const schema = uniqueSchemaName();
      const db = openPostgresDatabase(postgresTestUrl, { schema });
      return { db, cleanup: async () => (await db.destroy(), await dropSchema(schema)) };
    }),
  );
});
