import assert from "node:assert/strict";
import { it } from "node:test";
import { aSession, anApiToken, at, aUser } from "./store-fixtures.ts";
import { type CurrentStore, rejectsWithCode } from "./store-contract-support.ts";

/** Contract tests of users, sessions and API tokens. */
export function userContract(current: CurrentStore): void {
  it("users: insert, find by id and username, list by username, count", async () => {
    const store = current();
    const bob = aUser({ username: "bob" });
    const alice = aUser({ username: "alice", role: "admin", disabledAt: at(5) });
    await store.users.insert(bob);
    await store.users.insert(alice);
    assert.deepEqual(await store.users.findById(bob.id), bob);
    assert.deepEqual(await store.users.findByUsername("alice"), alice);
    assert.equal(await store.users.findById("missing"), undefined);
    assert.equal(await store.users.findByUsername("carol"), undefined);
    assert.deepEqual(await store.users.list(), [alice, bob]);
    assert.equal(await store.users.count(), 2);
  });

  it("users: update changes only the given fields", async () => {
    const store = current();
    const user = aUser();
    await store.users.insert(user);
    await store.users.update(user.id, { role: "admin", disabledAt: at(9), passwordHash: undefined });
    assert.deepEqual(await store.users.findById(user.id), { ...user, role: "admin", disabledAt: at(9) });
    await store.users.update(user.id, { disabledAt: null });
    assert.equal((await store.users.findById(user.id))?.disabledAt, null);
  });

  it("users: a taken username is a USERNAME_TAKEN conflict", async () => {
    const store = current();
    await store.users.insert(aUser({ username: "dup" }));
    await rejectsWithCode(store.users.insert(aUser({ username: "dup" })), "USERNAME_TAKEN", 'The username "dup" is already taken.');
    assert.equal(await store.users.count(), 1);
  });

  it("users: changing a returned object does not change the store", async () => {
    const store = current();
    const user = aUser();
    await store.users.insert(user);
    const found = await store.users.findById(user.id);
    assert.ok(found);
    found.role = "admin";
    user.username = "changed";
    assert.equal((await store.users.findById(user.id))?.role, "member");
    assert.notEqual((await store.users.findById(user.id))?.username, "changed");
  });

  it("sessions: insert, find, delete, and deleteExpired counts what it removed", async () => {
    const store = current();
    const user = aUser();
    await store.users.insert(user);
    const old = aSession(user.id, { expiresAt: at(10) });
    const edge = aSession(user.id, { expiresAt: at(20) });
    const fresh = aSession(user.id, { expiresAt: at(30) });
    for (const session of [old, edge, fresh]) await store.sessions.insert(session);
    assert.deepEqual(await store.sessions.findByIdHash(fresh.idHash), fresh);
    assert.equal(await store.sessions.deleteExpired(at(20)), 2);
    assert.equal(await store.sessions.findByIdHash(old.idHash), undefined);
    assert.equal(await store.sessions.findByIdHash(edge.idHash), undefined);
    await store.sessions.delete(fresh.idHash);
    assert.equal(await store.sessions.findByIdHash(fresh.idHash), undefined);
    assert.equal(await store.sessions.deleteExpired(at(100)), 0);
  });

  it("sessions: one for an unknown user is refused with STORAGE_FAILED", async () => {
    await rejectsWithCode(current().sessions.insert(aSession("no-such-user")), "STORAGE_FAILED");
  });

  it("api tokens: insert, find, list a user's oldest first, update", async () => {
    const store = current();
    const [user, other] = [aUser(), aUser()];
    await store.users.insert(user);
    await store.users.insert(other);
    const second = anApiToken(user.id, { createdAt: at(2), name: "second" });
    const first = anApiToken(user.id, { createdAt: at(1), name: "first" });
    for (const token of [second, first, anApiToken(other.id)]) await store.apiTokens.insert(token);
    assert.deepEqual(await store.apiTokens.findById(first.id), first);
    assert.deepEqual(await store.apiTokens.listByUser(user.id), [first, second]);
    await store.apiTokens.update(first.id, { lastUsedAt: at(50), revokedAt: at(60) });
    assert.deepEqual(await store.apiTokens.findById(first.id), { ...first, lastUsedAt: at(50), revokedAt: at(60) });
    assert.equal(await store.apiTokens.findById("missing"), undefined);
  });
}
