import assert from "node:assert/strict";
import { it } from "node:test";
import { aCredential, aRepository, at, aUser } from "./store-fixtures.ts";
import { assertNoSecretIn, type CurrentStore, rejectsWithCode } from "./store-contract-support.ts";

const taken = (name: string) => `A credential named "${name}" already exists in this scope.`;

/** Contract tests of credentials: scopes, conflicts, compare-and-swap, deletion. */
export function credentialContract(current: CurrentStore): void {
  it("credentials: insert, find by id, list by name", async () => {
    const store = current();
    const b = aCredential({ name: "b", validation: { checks: [{ ok: true }], login: "octocat" }, status: "valid" });
    const a = aCredential({ name: "a", kind: "ssh-key", username: null, expiresAt: at(99) });
    await store.credentials.insert(b);
    await store.credentials.insert(a);
    assert.deepEqual(await store.credentials.findById(b.id), b);
    assert.equal(await store.credentials.findById("missing"), undefined);
    assert.deepEqual(await store.credentials.list(), [a, b]);
  });

  it("credentials: findByName prefers the owner's private one, else the global one", async () => {
    const store = current();
    const [owner, other] = [aUser(), aUser()];
    await store.users.insert(owner);
    await store.users.insert(other);
    const global = aCredential({ name: "deploy" });
    const own = aCredential({ name: "deploy", scope: "private", ownerId: owner.id });
    const onlyPrivate = aCredential({ name: "mine", scope: "private", ownerId: owner.id });
    for (const credential of [global, own, onlyPrivate]) await store.credentials.insert(credential);
    assert.deepEqual(await store.credentials.findByName("deploy", owner.id), own);
    assert.deepEqual(await store.credentials.findByName("deploy", other.id), global);
    assert.deepEqual(await store.credentials.findByName("deploy", null), global);
    assert.equal(await store.credentials.findByName("mine", other.id), undefined);
    assert.equal(await store.credentials.findByName("mine", null), undefined);
  });

  it("credentials: names are unique per scope and owner (CREDENTIAL_NAME_TAKEN)", async () => {
    const store = current();
    const [owner, other] = [aUser(), aUser()];
    await store.users.insert(owner);
    await store.users.insert(other);
    await store.credentials.insert(aCredential({ name: "x" }));
    await store.credentials.insert(aCredential({ name: "x", scope: "private", ownerId: owner.id }));
    await store.credentials.insert(aCredential({ name: "x", scope: "private", ownerId: other.id }));
    await rejectsWithCode(store.credentials.insert(aCredential({ name: "x" })), "CREDENTIAL_NAME_TAKEN", taken("x"));
    await rejectsWithCode(
      store.credentials.insert(aCredential({ name: "x", scope: "private", ownerId: owner.id })),
      "CREDENTIAL_NAME_TAKEN",
      taken("x"),
    );
    assert.equal((await store.credentials.list()).length, 3);
  });

  it("credentials: renaming onto a taken name is a conflict; metadata updates apply", async () => {
    const store = current();
    const first = aCredential({ name: "first" });
    const second = aCredential({ name: "second" });
    await store.credentials.insert(first);
    await store.credentials.insert(second);
    await rejectsWithCode(store.credentials.updateMetadata(second.id, { name: "first" }), "CREDENTIAL_NAME_TAKEN", taken("first"));
    const patch = {
      name: "renamed",
      status: "warning",
      validation: { scopes: ["repo"] },
      lastValidatedAt: at(7),
      updatedAt: at(8),
    } as const;
    await store.credentials.updateMetadata(second.id, patch);
    assert.deepEqual(await store.credentials.findById(second.id), { ...second, ...patch, validation: { scopes: ["repo"] } });
    await store.credentials.updateMetadata(second.id, { validation: null, username: null });
    const cleared = await store.credentials.findById(second.id);
    assert.equal(cleared?.validation, null);
    assert.equal(cleared?.username, null);
  });

  it("credentials: replaceSecret is compare-and-swap on secretVersion", async () => {
    const store = current();
    const credential = aCredential();
    await store.credentials.insert(credential);
    const fields = (version: number, box: string) => ({
      secretBox: box,
      secretVersion: version,
      kekId: "kek-2",
      preview: `p${version}`,
      fingerprint: `f${version}`,
      updatedAt: at(version),
    });
    assert.equal(await store.credentials.replaceSecret(credential.id, 1, fields(2, "box-first")), true);
    assert.equal(await store.credentials.replaceSecret(credential.id, 1, fields(2, "box-stale")), false);
    assert.deepEqual(await store.credentials.findById(credential.id), { ...credential, ...fields(2, "box-first") });
    assert.equal(await store.credentials.replaceSecret("missing", 1, fields(2, "box")), false);
  });

  it("credentials: replaceBox only lands on the same secret version", async () => {
    const store = current();
    const credential = aCredential({ secretVersion: 3 });
    await store.credentials.insert(credential);
    assert.equal(await store.credentials.replaceBox(credential.id, 2, "box-stale", "kek-9"), false);
    assert.equal(await store.credentials.replaceBox(credential.id, 3, "box-rewrapped", "kek-9"), true);
    const found = await store.credentials.findById(credential.id);
    assert.deepEqual(found, { ...credential, secretBox: "box-rewrapped", kekId: "kek-9" });
  });

  it("credentials: deleting one leaves its repositories with a null credentialId", async () => {
    const store = current();
    const credential = aCredential();
    await store.credentials.insert(credential);
    const repository = aRepository(credential.id);
    await store.repositories.insert(repository);
    await store.credentials.delete(credential.id);
    assert.equal(await store.credentials.findById(credential.id), undefined);
    assert.deepEqual(await store.repositories.findById(repository.id), { ...repository, credentialId: null });
    assert.deepEqual(await store.repositories.listByCredential(credential.id), []);
  });

  it("credentials: a refused write never quotes the secret box in its error", async () => {
    const store = current();
    const canary = `canary-box-${Date.now()}-sealed`;
    // A private credential without owner breaks a check; PostgreSQL's detail would quote the row.
    const broken = aCredential({ scope: "private", ownerId: null, secretBox: canary });
    assertNoSecretIn(await rejectsWithCode(store.credentials.insert(broken), "STORAGE_FAILED"), canary);
    const original = aCredential({ name: "dup" });
    await store.credentials.insert(original);
    const clash = store.credentials.insert(aCredential({ name: "dup", secretBox: canary }));
    assertNoSecretIn(await rejectsWithCode(clash, "CREDENTIAL_NAME_TAKEN"), canary);
    const sameId = store.credentials.insert({ ...original, name: "other", secretBox: canary });
    assertNoSecretIn(await rejectsWithCode(sameId, "STORAGE_FAILED"), canary);
  });
}
