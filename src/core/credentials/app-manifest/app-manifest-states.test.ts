import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MemoryStore } from "../../../../test/support/store-memory.ts";
import { AppError } from "../../errors.ts";
import { AppManifestStates, manifestStateLifetimeMs } from "./app-manifest-states.ts";

const start = { userId: "u1", hostName: "github.com", credentialName: "acme-app", scope: "global" as const };
const refusal = (run: () => Promise<unknown>) =>
  assert.rejects(run, (e: unknown) => e instanceof AppError && e.code === "APP_MANIFEST_STATE_INVALID" && e.details?.field === "state");

describe("App manifest states", () => {
  it("gives back what a state was issued for, once", async () => {
    const states = new AppManifestStates(new MemoryStore(), () => new Date("2026-01-01T00:00:00Z"));
    const { state, expiresAt } = await states.issue(start);
    assert.equal(expiresAt, new Date(Date.parse("2026-01-01T00:00:00Z") + manifestStateLifetimeMs).toISOString());
    assert.deepEqual(await states.consume(state, "u1"), start);
    await refusal(() => states.consume(state, "u1"));
  });

  it("refuses an expired state, and another user's (which stays usable for its owner)", async () => {
    let now = Date.parse("2026-01-01T00:00:00Z");
    const states = new AppManifestStates(new MemoryStore(), () => new Date(now));
    const late = (await states.issue(start)).state;
    const other = (await states.issue(start)).state;
    await refusal(() => states.consume(other, "u2"));
    assert.deepEqual(await states.consume(other, "u1"), start);
    now += manifestStateLifetimeMs;
    await refusal(() => states.consume(late, "u1"));
    await refusal(() => states.consume("made-up", "u1"));
  });

  it("stores only the state's hash, and drops used and expired states when it issues one", async () => {
    let now = Date.parse("2026-01-01T00:00:00Z");
    const store = new MemoryStore();
    const states = new AppManifestStates(store, () => new Date(now));
    const used = (await states.issue(start)).state;
    const expiring = (await states.issue(start)).state;
    await states.consume(used, "u1");
    now += manifestStateLifetimeMs;
    const fresh = (await states.issue(start)).state;
    assert.equal(await store.appManifestStates.prune(new Date(now).toISOString()), 0, "issue already pruned the used and expired states");
    assert.deepEqual(await states.consume(fresh, "u1"), start);
    await refusal(() => states.consume(expiring, "u1"));
  });
});
