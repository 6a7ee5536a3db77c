import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { it } from "node:test";
import type { StoredAppManifestState } from "../../src/core/credentials/app-manifest/app-manifest-start.ts";
import { at } from "./store-fixtures.ts";
import type { CurrentStore } from "./store-contract-support.ts";

const aState = (overrides: Partial<StoredAppManifestState> = {}): StoredAppManifestState => ({
  stateHash: randomUUID(),
  userId: "u1",
  hostName: "github.com",
  credentialName: "acme-app",
  scope: "global",
  expiresAt: at(100),
  usedAt: null,
  ...overrides,
});
const issuedFor = ({ userId, hostName, credentialName, scope }: StoredAppManifestState) => ({ userId, hostName, credentialName, scope });

/** Contract tests of GitHub App manifest states. */
export function appManifestStateContract(current: CurrentStore): void {
  it("app manifest states: use gives back the start once, for its user only, before it expires", async () => {
    const store = current();
    const mine = aState();
    const anonymous = aState({ userId: null, scope: "private" });
    const expiring = aState({ expiresAt: at(50) });
    for (const row of [mine, anonymous, expiring]) await store.appManifestStates.insert(row);
    assert.equal(await store.appManifestStates.use(mine.stateHash, "u2", at(10)), undefined, "another user's state");
    assert.equal(await store.appManifestStates.use(mine.stateHash, null, at(10)), undefined, "a signed-in user's state without sign-in");
    assert.deepEqual(await store.appManifestStates.use(mine.stateHash, "u1", at(10)), issuedFor(mine));
    assert.equal(await store.appManifestStates.use(mine.stateHash, "u1", at(11)), undefined, "a second use");
    assert.equal(await store.appManifestStates.use(anonymous.stateHash, "u1", at(10)), undefined);
    assert.deepEqual(await store.appManifestStates.use(anonymous.stateHash, null, at(10)), issuedFor(anonymous));
    assert.equal(await store.appManifestStates.use(expiring.stateHash, "u1", at(50)), undefined, "expired at expiresAt");
    assert.equal(await store.appManifestStates.use("unknown", "u1", at(10)), undefined);
  });

  it("app manifest states: of concurrent uses of one state exactly one wins", async () => {
    const store = current();
    const row = aState();
    await store.appManifestStates.insert(row);
    const results = await Promise.all(Array.from({ length: 5 }, () => store.appManifestStates.use(row.stateHash, "u1", at(10))));
    assert.deepEqual(
      results.filter((result) => result !== undefined),
      [issuedFor(row)],
    );
  });

  it("app manifest states: prune deletes used and expired states, and counts them", async () => {
    const store = current();
    const used = aState();
    const expired = aState({ expiresAt: at(20) });
    const open = aState({ expiresAt: at(21) });
    for (const row of [used, expired, open]) await store.appManifestStates.insert(row);
    await store.appManifestStates.use(used.stateHash, "u1", at(5));
    assert.equal(await store.appManifestStates.prune(at(20)), 2);
    assert.equal(await store.appManifestStates.prune(at(20)), 0);
    assert.deepEqual(await store.appManifestStates.use(open.stateHash, "u1", at(20)), issuedFor(open));
  });
}
