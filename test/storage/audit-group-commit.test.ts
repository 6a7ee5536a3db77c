import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { KyselyPlugin } from "kysely";
import { KyselyAuditStore } from "../../src/adapters/storage/kysely-audit-store.ts";
import { KyselyStore } from "../../src/adapters/storage/kysely-store.ts";
import { migrateToLatest } from "../../src/adapters/storage/migrate.ts";
import { openSqliteDatabase } from "../../src/adapters/storage/open-sqlite-database.ts";
import { AppError } from "../../src/core/errors.ts";
import { anAuditEvent, at } from "./store-fixtures.ts";

// On SQLite every commit is an fsync that holds the event loop: concurrent audit events (ten gateway
// requests at once) must share one commit, and each append must still resolve only once it is stored.
describe("audit events appended at once share one commit (SQLite)", () => {
  let dir: string;
  let store: KyselyStore;
  let inserts = 0;
  let audit: KyselyAuditStore;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "repolink-audit-batch-"));
    const db = openSqliteDatabase(join(dir, "repolink.db"));
    await migrateToLatest(db);
    store = new KyselyStore(db);
    const countInserts: KyselyPlugin = {
      transformQuery: ({ node }) => {
        if (node.kind === "InsertQueryNode") inserts++;
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    audit = new KyselyAuditStore(db.withPlugin(countInserts));
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("ten appends at once run one INSERT, and every event is listed once its append resolved", async () => {
    const events = Array.from({ length: 10 }, (_, i) => anAuditEvent({ at: at(i), targetName: `ten-${i}` }));
    inserts = 0;
    await Promise.all(events.map((event) => audit.append(event)));
    assert.equal(inserts, 1);
    const listed = await store.audit.list({ limit: 50 });
    assert.deepEqual(new Set(listed.map((e) => e.targetName)), new Set(events.map((e) => e.targetName)));
  });

  it("more than one batch's worth at once is written whole, in batches of at most 200", async () => {
    const events = Array.from({ length: 450 }, (_, i) => anAuditEvent({ at: at(100 + i), actorId: "many" }));
    inserts = 0;
    await Promise.all(events.map((event) => audit.append(event)));
    assert.equal(inserts, 3);
    assert.equal((await store.audit.list({ limit: 1000, actorId: "many" })).length, 450);
  });

  it("appends one after another each commit at once (nothing waits for company)", async () => {
    inserts = 0;
    for (let i = 0; i < 3; i++) await audit.append(anAuditEvent({ actorId: "serial" }));
    assert.equal(inserts, 3);
    assert.equal((await store.audit.list({ limit: 10, actorId: "serial" })).length, 3);
  });

  it("a batch that cannot be written fails every append in it with a store error, and none is kept", async () => {
    const dup = anAuditEvent({ actorId: "failed" });
    await audit.append(dup);
    // The same id again makes the one INSERT fail: all three appends sharing it must fail.
    const results = await Promise.allSettled([
      audit.append(anAuditEvent({ actorId: "failed" })),
      audit.append(dup),
      audit.append(anAuditEvent({ actorId: "failed" })),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ["rejected", "rejected", "rejected"],
    );
    for (const r of results)
      assert.ok(r.status === "rejected" && r.reason instanceof AppError, String(r.status === "rejected" && r.reason));
    assert.equal((await store.audit.list({ limit: 10, actorId: "failed" })).length, 1, "only the first");
  });
});
