import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { it } from "node:test";
import type { Webhook, WebhookDelivery } from "../../src/core/notifications/webhook.ts";
import { at } from "./store-fixtures.ts";
import { type CurrentStore, rejectsWithCode } from "./store-contract-support.ts";

function aWebhook(overrides: Partial<Webhook> = {}): Webhook {
  const id = randomUUID();
  return {
    id,
    name: `hook-${id}`,
    url: "https://hooks.example.com/repolink",
    secretBox: `box-${id}`,
    kekId: "kek-1",
    secretPreview: "…abcd",
    events: ["credential.expiring", "connection.status_changed"],
    allowPrivateNetwork: false,
    active: true,
    createdBy: "admin",
    createdAt: at(0),
    ...overrides,
  };
}

function aDelivery(webhookId: string, seconds: number, overrides: Partial<WebhookDelivery> = {}): WebhookDelivery {
  return {
    id: randomUUID(),
    webhookId,
    event: "credential.expiring",
    payload: { credential: { name: "bot" }, daysLeft: 7, nested: [1, "two"] },
    attempt: 0,
    status: "pending",
    responseStatus: null,
    error: null,
    nextAttemptAt: at(seconds),
    createdAt: at(seconds),
    deliveredAt: null,
    dedupeKey: null,
    ...overrides,
  };
}

/** Contract tests of webhooks, their delivery log, and the record of notices sent. */
export function webhookContract(current: CurrentStore): void {
  it("webhooks: insert, find, list by name; a taken name is WEBHOOK_NAME_TAKEN", async () => {
    const store = current();
    const b = aWebhook({ name: "b-hook", events: ["*"], allowPrivateNetwork: true, active: false });
    const a = aWebhook({ name: "a-hook" });
    await store.webhooks.insert(b);
    await store.webhooks.insert(a);
    assert.deepEqual(await store.webhooks.findById(b.id), b);
    assert.deepEqual(await store.webhooks.findByName("a-hook"), a);
    assert.equal(await store.webhooks.findByName("none"), undefined);
    assert.deepEqual(await store.webhooks.list(), [a, b]);
    await rejectsWithCode(
      store.webhooks.insert(aWebhook({ name: "a-hook" })),
      "WEBHOOK_NAME_TAKEN",
      'A webhook named "a-hook" already exists.',
    );
  });

  it("webhooks: deliveries list newest first, due ones oldest first, and go with their webhook", async () => {
    const store = current();
    const hook = aWebhook();
    const other = aWebhook();
    await store.webhooks.insert(hook);
    await store.webhooks.insert(other);
    const [d1, d2, d3] = [
      aDelivery(hook.id, 1),
      aDelivery(hook.id, 3),
      aDelivery(hook.id, 2, { status: "delivered", nextAttemptAt: null, deliveredAt: at(2) }),
    ];
    for (const d of [d1, d2, d3]) await store.webhooks.insertDelivery(d!);
    const late = aDelivery(other.id, 10);
    await store.webhooks.insertDelivery(late);
    assert.deepEqual(await store.webhooks.findDelivery(d1!.id), d1);
    assert.deepEqual(await store.webhooks.listDeliveries(hook.id, 10), [d2, d3, d1]);
    assert.deepEqual(await store.webhooks.listDeliveries(hook.id, 1), [d2]);
    assert.deepEqual(await store.webhooks.listDueDeliveries(at(5), 10), [d1, d2]);
    assert.deepEqual(await store.webhooks.listDueDeliveries(at(10), 1), [d1]);
    await store.webhooks.delete(hook.id);
    assert.equal(await store.webhooks.findById(hook.id), undefined);
    assert.deepEqual(await store.webhooks.listDeliveries(hook.id, 10), []);
    assert.deepEqual(await store.webhooks.listDueDeliveries(at(10), 10), [late]);
  });

  it("webhooks: a claim succeeds once per due time; updates apply nulls and values", async () => {
    const store = current();
    const hook = aWebhook();
    await store.webhooks.insert(hook);
    const d = aDelivery(hook.id, 1);
    await store.webhooks.insertDelivery(d);
    assert.equal(await store.webhooks.claimDelivery(d.id, at(1), at(100)), true);
    assert.equal(await store.webhooks.claimDelivery(d.id, at(1), at(100)), false, "a second worker loses");
    assert.deepEqual(await store.webhooks.listDueDeliveries(at(50), 10), [], "a claimed delivery is hidden until its lease ends");
    const patch = { attempt: 1, status: "pending", responseStatus: 500, error: "HTTP 500", nextAttemptAt: at(11) } as const;
    await store.webhooks.updateDelivery(d.id, patch);
    assert.deepEqual(await store.webhooks.findDelivery(d.id), { ...d, ...patch });
    const done = { attempt: 2, status: "delivered", responseStatus: 204, error: null, nextAttemptAt: null, deliveredAt: at(12) } as const;
    await store.webhooks.updateDelivery(d.id, done);
    assert.deepEqual(await store.webhooks.findDelivery(d.id), { ...d, ...done });
    assert.equal(await store.webhooks.claimDelivery(d.id, at(11), at(100)), false, "a delivered one cannot be claimed");
  });

  it("webhooks: a key is delivered once per webhook, even inside a transaction; older pages follow a cursor", async () => {
    const store = current();
    const hook = aWebhook();
    const other = aWebhook();
    await store.webhooks.insert(hook);
    await store.webhooks.insert(other);
    const first = aDelivery(hook.id, 1, { dedupeKey: "cycle:c1" });
    assert.equal(await store.webhooks.insertDelivery(first), true);
    assert.equal(await store.webhooks.insertDelivery(aDelivery(hook.id, 2, { dedupeKey: "cycle:c1" })), false, "same key: nothing stored");
    const inTx = await store.transaction(async (tx) => [
      await tx.webhooks.insertDelivery(aDelivery(hook.id, 3, { dedupeKey: "cycle:c1" })),
      await tx.webhooks.insertDelivery(aDelivery(hook.id, 3, { dedupeKey: "cycle:c2" })),
    ]);
    assert.deepEqual(inTx, [false, true], "a repeat does not break the transaction (PostgreSQL aborts on errors)");
    assert.equal(await store.webhooks.insertDelivery(aDelivery(other.id, 1, { dedupeKey: "cycle:c1" })), true, "per webhook");
    assert.equal(await store.webhooks.insertDelivery(aDelivery(hook.id, 4)), true, "no key: pings never collide");
    assert.equal(await store.webhooks.insertDelivery(aDelivery(hook.id, 4)), true);
    const all = await store.webhooks.listDeliveries(hook.id, 10);
    assert.equal(all.length, 4);
    const [a, b] = await store.webhooks.listDeliveries(hook.id, 2);
    assert.deepEqual(await store.webhooks.listDeliveries(hook.id, 10, { createdAt: b!.createdAt, id: b!.id }), all.slice(2));
    assert.deepEqual(a, all[0]);
  });

  it("health changes: recorded once per cycle and repository, listed by name after a cursor, counted by new status", async () => {
    const store = current();
    const cycleId = randomUUID();
    const change = (name: string, toStatus: "failing" | "connected") => ({
      cycleId,
      repositoryId: `id-${name}`,
      repositoryName: name,
      fromStatus: "connected" as const,
      toStatus,
      reasonCode: toStatus === "failing" ? "GIT_AUTH_FAILED" : null,
      checkedAt: at(1),
    });
    await store.health.addChanges([change("b/two", "failing"), change("a/one", "failing"), change("c/three", "connected")]);
    await store.health.addChanges([change("a/one", "connected")]);
    const names = (await store.health.listChanges(cycleId, null, 10)).map((c) => `${c.repositoryName}:${c.toStatus}`);
    assert.deepEqual(names, ["a/one:failing", "b/two:failing", "c/three:connected"], "the first record of a repository stays");
    assert.deepEqual(
      (await store.health.listChanges(cycleId, "a/one", 1)).map((c) => c.repositoryName),
      ["b/two"],
    );
    assert.deepEqual(await store.health.countChanges(cycleId), { unchecked: 0, connected: 1, degraded: 0, failing: 2 });
    assert.deepEqual(await store.health.countChanges(randomUUID()), { unchecked: 0, connected: 0, degraded: 0, failing: 0 });
  });

  it("webhooks: a delivery needs an existing webhook", async () => {
    const store = current();
    await rejectsWithCode(store.webhooks.insertDelivery(aDelivery(randomUUID(), 1)), "STORAGE_FAILED");
  });

  it("notifications: markSent is first-writer-wins per credential, version and threshold", async () => {
    const store = current();
    const key = { credentialId: randomUUID(), secretVersion: 1, threshold: "7d" } as const;
    assert.equal(await store.notifications.wasSent(key), false);
    assert.equal(await store.notifications.markSent(key, at(1)), true);
    assert.equal(await store.notifications.markSent(key, at(2)), false);
    assert.equal(await store.notifications.wasSent(key), true);
    assert.equal(await store.notifications.markSent({ ...key, secretVersion: 2 }, at(3)), true, "a new secret version warns again");
    assert.equal(await store.notifications.markSent({ ...key, threshold: "1d" }, at(3)), true);
    // Inside a transaction a repeat must not break the transaction (PostgreSQL aborts on errors).
    const inTx = await store.transaction(async (tx) => {
      const again = await tx.notifications.markSent(key, at(4));
      const fresh = await tx.notifications.markSent({ ...key, threshold: "30d" }, at(4));
      return [again, fresh];
    });
    assert.deepEqual(inTx, [false, true]);
  });
}
