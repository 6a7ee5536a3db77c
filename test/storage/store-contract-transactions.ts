import assert from "node:assert/strict";
import { it } from "node:test";
import { aCredential, aRepository, aUser } from "./store-fixtures.ts";
import type { CurrentStore } from "./store-contract-support.ts";

/** Contract tests of Store.transaction: all writes land, or none. */
export function transactionContract(current: CurrentStore): void {
  it("transaction: commits every write and returns the work's value", async () => {
    const store = current();
    const user = aUser();
    const credential = aCredential();
    const result = await store.transaction(async (tx) => {
      await tx.users.insert(user);
      await tx.credentials.insert(credential);
      return "done";
    });
    assert.equal(result, "done");
    assert.deepEqual(await store.users.findById(user.id), user);
    assert.deepEqual(await store.credentials.findById(credential.id), credential);
  });

  it("transaction: a throw rolls back everything and rethrows the same error", async () => {
    const store = current();
    const kept = aUser();
    await store.users.insert(kept);
    const user = aUser();
    const credential = aCredential();
    const boom = new Error("boom");
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.users.insert(user);
        await tx.users.update(kept.id, { role: "admin" });
        await tx.credentials.insert(credential);
        await tx.repositories.insert(aRepository(credential.id));
        throw boom;
      }),
      (error) => error === boom,
    );
    assert.equal(await store.users.findById(user.id), undefined);
    assert.deepEqual(await store.users.findById(kept.id), kept);
    assert.deepEqual(await store.credentials.list(), []);
    assert.deepEqual(await store.repositories.list(), []);
  });

  it("transaction: a conflict inside rolls back the writes before it", async () => {
    const store = current();
    await store.users.insert(aUser({ username: "taken" }));
    const first = aUser();
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.users.insert(first);
        await tx.users.insert(aUser({ username: "taken" }));
      }),
      { code: "USERNAME_TAKEN" },
    );
    assert.equal(await store.users.findById(first.id), undefined);
    assert.equal(await store.users.count(), 1);
  });

  it("transaction: a nested call joins the outer transaction", async () => {
    const store = current();
    const inner = aUser();
    await assert.rejects(
      store.transaction(async (tx) => {
        const value = await tx.transaction(async (nested) => {
          await nested.users.insert(inner);
          return 42;
        });
        assert.equal(value, 42);
        assert.deepEqual(await tx.users.findById(inner.id), inner);
        throw new Error("outer fails");
      }),
      /outer fails/,
    );
    assert.equal(await store.users.findById(inner.id), undefined);
  });

  it("transaction: keks.activate inside a transaction rolls back with it", async () => {
    const store = current();
    await store.keks.insert({ id: "a", wrapped: "wa", createdAt: "2024-01-01T00:00:00.000Z", active: true });
    await store.keks.insert({ id: "b", wrapped: "wb", createdAt: "2024-01-02T00:00:00.000Z", active: false });
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.keks.activate("b");
        throw new Error("abort rotation");
      }),
      /abort rotation/,
    );
    assert.deepEqual(
      (await store.keks.list()).map((k) => [k.id, k.active]),
      [
        ["a", true],
        ["b", false],
      ],
    );
  });
}
