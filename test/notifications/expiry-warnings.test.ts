import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { KyselyStore } from "../../src/adapters/storage/kysely-store.ts";
import { migrateToLatest } from "../../src/adapters/storage/migrate.ts";
import { openSqliteDatabase } from "../../src/adapters/storage/open-sqlite-database.ts";
import { sendExpiryWarnings } from "../../src/core/notifications/expiry-warnings.ts";
import type { Webhook } from "../../src/core/notifications/webhook.ts";
import type { Store } from "../../src/core/storage/store.ts";
import { MemoryStore } from "../support/store-memory.ts";
import { aCredential } from "../storage/store-fixtures.ts";

const day = 86_400_000;
const expiry = Date.parse("2030-06-30T12:00:00Z");

function aWebhook(events: Webhook["events"]): Webhook {
  const id = randomUUID();
  return {
    id,
    name: `hook-${id}`,
    url: "https://hooks.example.com/",
    secretBox: "box",
    kekId: "kek-1",
    secretPreview: "…abcd",
    events,
    allowPrivateNetwork: false,
    active: true,
    createdBy: "admin",
    createdAt: new Date(0).toISOString(),
  };
}

const stores: [string, () => Promise<{ store: Store; cleanup: () => Promise<void> }>][] = [
  ["MemoryStore", async () => ({ store: new MemoryStore(), cleanup: async () => {} })],
  [
    "SQLite",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "repolink-expiry-"));
      const db = openSqliteDatabase(join(dir, "repolink.db"));
      await migrateToLatest(db);
      const store = new KyselyStore(db);
      return { store, cleanup: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
    },
  ],
];

for (const [label, open] of stores) {
  describe(`expiry warnings (${label})`, () => {
    async function setUp() {
      const { store, cleanup } = await open();
      const deps = { store, newId: randomUUID };
      const credential = aCredential({ name: "release-bot", expiresAt: new Date(expiry).toISOString() });
      await store.credentials.insert(credential);
      await store.credentials.insert(aCredential({ name: "no-expiry" }));
      const hook = aWebhook(["credential.expiring", "credential.expired"]);
      const deaf = aWebhook(["credential.revoked"]);
      await store.webhooks.insert(hook);
      await store.webhooks.insert(deaf);
      const run = async (msBeforeExpiry: number) =>
        (await sendExpiryWarnings(deps, new Date(expiry - msBeforeExpiry))).map((n) => `${n.credentialName}:${n.threshold}`);
      return { store, cleanup, credential, hook, deaf, run };
    }

    it("fires once each at 30, 7 and 1 days, then once when expired; audited and queued for subscribers only", async () => {
      const { store, cleanup, credential, hook, deaf, run } = await setUp();
      try {
        const timeline: [number, string[]][] = [
          [40 * day, []],
          [30 * day, ["release-bot:30d"]],
          [30 * day, []],
          [29 * day, []],
          [7 * day + 1, []],
          [7 * day, ["release-bot:7d"]],
          [3 * day, []],
          [day, ["release-bot:1d"]],
          [day / 2, []],
          [0, ["release-bot:expired"]],
          [-day, []],
        ];
        for (const [before, expected] of timeline) assert.deepEqual(await run(before), expected, `${before / day} days before expiry`);
        const deliveries = await store.webhooks.listDeliveries(hook.id, 10);
        assert.deepEqual(deliveries.map((d) => [d.event, d.payload.threshold]).reverse(), [
          ["credential.expiring", "30d"],
          ["credential.expiring", "7d"],
          ["credential.expiring", "1d"],
          ["credential.expired", "expired"],
        ]);
        assert.deepEqual((deliveries.at(-1)?.payload as { credential: { name: string }; daysLeft: number }).daysLeft, 30);
        assert.deepEqual(await store.webhooks.listDeliveries(deaf.id, 10), []);
        const audit = await store.audit.list({ limit: 20, targetId: credential.id });
        assert.deepEqual(audit.map((e) => e.action).sort(), [
          "credential.expired",
          "credential.expiry_warning",
          "credential.expiry_warning",
          "credential.expiry_warning",
        ]);
      } finally {
        await cleanup();
      }
    });

    it("first seen at 5 days fires only the 7-day warning; a rotated credential warns again", async () => {
      const { store, cleanup, credential, hook, run } = await setUp();
      try {
        assert.deepEqual(await run(5 * day), ["release-bot:7d"]);
        assert.deepEqual(await run(5 * day), []);
        assert.deepEqual(await run(day), ["release-bot:1d"]);
        await store.credentials.replaceSecret(credential.id, 1, {
          secretBox: "box-v2",
          secretVersion: 2,
          kekId: "kek-1",
          preview: "ghp_…wxyz",
          fingerprint: "fp-2",
          updatedAt: new Date(expiry - day).toISOString(),
        });
        assert.deepEqual(await run(day), ["release-bot:1d"], "the new version is warned about afresh");
        assert.deepEqual(await run(day / 2), []);
        assert.equal((await store.webhooks.listDeliveries(hook.id, 10)).length, 3);
      } finally {
        await cleanup();
      }
    });

    it("an already expired credential fires credential.expired once and no warnings", async () => {
      const { store, cleanup, hook, run } = await setUp();
      try {
        assert.deepEqual(await run(-3 * day), ["release-bot:expired"]);
        assert.deepEqual(await run(-4 * day), []);
        assert.deepEqual(
          (await store.webhooks.listDeliveries(hook.id, 10)).map((d) => d.event),
          ["credential.expired"],
        );
      } finally {
        await cleanup();
      }
    });
  });
}
