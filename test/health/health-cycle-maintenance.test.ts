import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { StoredAppManifestState } from "../../src/core/credentials/app-manifest/app-manifest-start.ts";
import { runHealthCycle } from "../../src/core/health/run-health-cycle.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { seedHealthRepositories, startHealthFake, type HealthFake } from "./health-world.ts";

const minute = 60_000;

describe("a finished health cycle does the periodic clean-up", () => {
  let world: HealthFake;
  let server: TestServer;
  before(async () => {
    world = await startHealthFake(1, 1);
    server = await startTestServer();
    await seedHealthRepositories(server.runtime.deps, world);
  });
  after(async () => {
    await server?.close();
    await world?.fake.close();
  });

  it("drops used and expired App manifest states, even when no new flow starts; a flow in progress keeps its state", async () => {
    const states = server.runtime.deps.store.appManifestStates;
    const now = Date.now();
    const state = (hash: string, expiresInMs: number, usedAt: string | null): StoredAppManifestState => ({
      stateHash: hash,
      userId: null,
      hostName: "github.com",
      credentialName: `app-${hash}`,
      scope: "global",
      expiresAt: new Date(now + expiresInMs).toISOString(),
      usedAt,
    });
    await states.insert(state("used", 10 * minute, new Date(now).toISOString()));
    await states.insert(state("expired", -minute, null));
    await states.insert(state("in-progress", 10 * minute, null));

    const report = await runHealthCycle(server.runtime.deps, { slot: "maintenance-1" });
    assert.equal(report.repositoriesChecked, 1);

    assert.equal(await states.prune(new Date().toISOString()), 0, "the cycle pruned the used and the expired state already");
    const inProgress = await states.use("in-progress", null, new Date().toISOString());
    assert.equal(inProgress?.credentialName, "app-in-progress", "the flow in progress can still finish");
  });
});
