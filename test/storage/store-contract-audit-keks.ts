import assert from "node:assert/strict";
import { it } from "node:test";
import { anAuditEvent, at } from "./store-fixtures.ts";
import { type CurrentStore, rejectsWithCode } from "./store-contract-support.ts";

/** Contract tests of the audit log and key-encryption keys. */
export function auditKekContract(current: CurrentStore): void {
  it("audit: list is newest first, limited, and filters by actor and target", async () => {
    const store = current();
    const events = [
      anAuditEvent({ at: at(2), actorId: "u1", targetId: "c1" }),
      anAuditEvent({ at: at(5), actorId: "u2", targetId: "c1", outcome: "denied" }),
      anAuditEvent({ at: at(1), actorId: "u1", targetId: "c2", targetName: "deploy" }),
      anAuditEvent({ at: at(4), actorId: null, outcome: "failure", detail: {} }),
    ];
    for (const event of events) await store.audit.append(event);
    const [e2, e5, e1, e4] = events;
    assert.deepEqual(await store.audit.list({ limit: 10 }), [e5, e4, e2, e1]);
    assert.deepEqual(await store.audit.list({ limit: 2 }), [e5, e4]);
    assert.deepEqual(await store.audit.list({ limit: 10, actorId: "u1" }), [e2, e1]);
    assert.deepEqual(await store.audit.list({ limit: 10, targetId: "c1" }), [e5, e2]);
    assert.deepEqual(await store.audit.list({ limit: 10, actorId: "u1", targetId: "c2" }), [e1]);
  });

  it("keks: insert and list oldest first", async () => {
    const store = current();
    const second = { id: "kek-2", wrapped: "w2", createdAt: at(2), active: false };
    const first = { id: "kek-1", wrapped: "w1", createdAt: at(1), active: true };
    await store.keks.insert(second);
    await store.keks.insert(first);
    assert.deepEqual(await store.keks.list(), [first, second]);
  });

  it("keks: activate leaves exactly one active key", async () => {
    const store = current();
    for (const n of [1, 2, 3]) await store.keks.insert({ id: `kek-${n}`, wrapped: `w${n}`, createdAt: at(n), active: n === 1 });
    await store.keks.activate("kek-3");
    assert.deepEqual(
      (await store.keks.list()).filter((k) => k.active).map((k) => k.id),
      ["kek-3"],
    );
    await store.keks.activate("kek-2");
    await store.keks.activate("kek-2");
    assert.deepEqual(
      (await store.keks.list()).filter((k) => k.active).map((k) => k.id),
      ["kek-2"],
    );
  });

  it("keks: activating an unknown key is KEK_NOT_FOUND and changes nothing", async () => {
    const store = current();
    await store.keks.insert({ id: "kek-1", wrapped: "w1", createdAt: at(1), active: true });
    await rejectsWithCode(store.keks.activate("kek-404"), "KEK_NOT_FOUND");
    assert.equal((await store.keks.list())[0]?.active, true);
  });

  it("keks: a second active key is refused (KEK_ACTIVE_EXISTS)", async () => {
    const store = current();
    await store.keks.insert({ id: "kek-1", wrapped: "w1", createdAt: at(1), active: true });
    await rejectsWithCode(store.keks.insert({ id: "kek-2", wrapped: "w2", createdAt: at(2), active: true }), "KEK_ACTIVE_EXISTS");
    assert.equal((await store.keks.list()).length, 1);
  });
}
