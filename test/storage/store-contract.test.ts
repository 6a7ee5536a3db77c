import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { KyselyStore } from "../../src/adapters/storage/kysely-store.ts";
import { migrateToLatest } from "../../src/adapters/storage/migrate.ts";
import { openPostgresDatabase } from "../../src/adapters/storage/open-postgres-database.ts";
import { openSqliteDatabase } from "../../src/adapters/storage/open-sqlite-database.ts";
import { dropSchema, postgresSkip, postgresTestUrl, postgresUnreachable, uniqueSchemaName } from "../support/postgres-test-database.ts";
import { MemoryStore } from "../support/store-memory.ts";
import { runStoreContract } from "./store-contract.ts";

// Probed before any suite is registered: the SQLite suites run on the same event loop and could starve
// the connection attempt past its timeout.
const unreachable = postgresSkip ? undefined : await postgresUnreachable();

runStoreContract("MemoryStore", async () => ({ store: new MemoryStore(), cleanup: async () => {} }));

runStoreContract("KyselyStore on SQLite", async () => {
  const dir = mkdtempSync(join(tmpdir(), "repolink-store-"));
  const db = openSqliteDatabase(join(dir, "repolink.db"));
  await migrateToLatest(db);
  const store = new KyselyStore(db);
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

if (postgresSkip) {
  describe("Store contract: KyselyStore on PostgreSQL", { skip: postgresSkip }, () => {
    it("needs a reachable PostgreSQL", () => undefined);
  });
} else if (unreachable === undefined) {
  runStoreContract("KyselyStore on PostgreSQL", async () => {
    const schema = uniqueSchemaName();
    const db = openPostgresDatabase(postgresTestUrl, { schema });
    await migrateToLatest(db);
    const store = new KyselyStore(db);
    return {
      store,
      cleanup: async () => {
        await store.close();
        await dropSchema(schema);
      },
    };
  });
} else {
  describe("Store contract: KyselyStore on PostgreSQL", () => {
    it("needs a reachable PostgreSQL", () => {
      throw new Error(unreachable);
    });
  });
}
