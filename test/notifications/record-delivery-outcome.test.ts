import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InputError, UnavailableError } from "../../src/core/errors.ts";
import { pendingDelivery } from "../../src/core/notifications/notify.ts";
import { recordDeliveryOutcome } from "../../src/core/notifications/record-delivery-outcome.ts";
import { MemoryStore } from "../support/store-memory.ts";

const delivered = {
  attempt: 1,
  status: "delivered",
  responseStatus: 204,
  error: null,
  nextAttemptAt: null,
  deliveredAt: "2026-12-01T00:00:00.000Z",
} as const;

const storeUnavailable = () =>
  new UnavailableError("STORE_UNAVAILABLE", "The database cannot be reached right now.", { retryAfterSeconds: 5 });

/** A store whose `updateDelivery` fails with `failures` in turn before it works. */
async function storeFailing(failures: Error[]) {
  const store = new MemoryStore();
  await store.webhooks.insert({
    id: "w1",
    name: "receiver",
    url: "https://hooks.example.test/",
    secretPreview: "…abcd",
    secretBox: "box",
    kekId: "kek",
    events: ["*"],
    allowPrivateNetwork: false,
    active: true,
    createdBy: "test",
    createdAt: "2026-12-01T00:00:00.000Z",
  });
  await store.webhooks.insertDelivery(pendingDelivery("d1", "w1", "connection.status_changed", {}, "2026-12-01T00:00:00.000Z"));
  const update = store.webhooks.updateDelivery.bind(store.webhooks);
  let calls = 0;
  store.webhooks.updateDelivery = async (id, patch) => {
    const failure = failures[calls++];
    if (failure) throw failure;
    await update(id, patch);
  };
  return { store, calls: () => calls };
}

// Issue 13: a delivery the receiver got while PostgreSQL was away was sent again once its lease ended.
describe("recordDeliveryOutcome", () => {
  it("keeps trying while the store is unavailable, then records the outcome once", async () => {
    const { store, calls } = await storeFailing([storeUnavailable(), storeUnavailable()]);
    await recordDeliveryOutcome({ store }, "d1", delivered, Date.now() + 60_000, 5);
    assert.equal(calls(), 3);
    const [stored] = await store.webhooks.listDeliveries("w1", 10);
    assert.equal(stored?.status, "delivered");
  });

  it("gives up once the deadline has passed, and at once on any other error", async () => {
    const away = await storeFailing(Array.from({ length: 100 }, () => storeUnavailable()));
    await assert.rejects(recordDeliveryOutcome({ store: away.store }, "d1", delivered, Date.now() + 50, 5), { code: "STORE_UNAVAILABLE" });
    const broken = await storeFailing([new InputError("WEBHOOK_URL_INVALID", "no", "url")]);
    await assert.rejects(recordDeliveryOutcome({ store: broken.store }, "d1", delivered, Date.now() + 60_000, 5), {
      code: "WEBHOOK_URL_INVALID",
    });
    assert.equal(broken.calls(), 1);
  });
});
