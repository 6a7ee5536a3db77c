import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { bootstrapAdmin, startTestServer, type TestServer } from "../support/test-server.ts";
import { seedHealthRepositories, startHealthFake, type HealthFake } from "./health-world.ts";

const REPOSITORIES = 8;

// Issue 13: `health run` ignored REPOLINK_HEALTH_TRANSPORT_EVERY and REPOLINK_HEALTH_BUDGET_SHARE.
describe("a cycle run by hand uses the server's health configuration, as a scheduled one does", () => {
  let world: HealthFake;
  let server: TestServer;
  let admin: string;

  before(async () => {
    world = await startHealthFake(REPOSITORIES, 1);
    server = await startTestServer({ REPOLINK_HEALTH_TRANSPORT_EVERY: "1" });
    admin = await bootstrapAdmin(server);
    await seedHealthRepositories(server.runtime.deps, world);
  });
  after(async () => {
    await server.close();
    await world.fake.close();
  });

  it("REPOLINK_HEALTH_TRANSPORT_EVERY=1: every connected repository's Git transport is probed in every cycle", async () => {
    const first = await server.call("POST", "/api/v1/health/run", { auth: admin, body: { wait: true } });
    assert.equal((first.body.report as { byStatus: { connected: number } }).byStatus.connected, REPOSITORIES, first.text);
    // Now every repository is connected: the default (every 4th cycle) would probe about a quarter of them.
    const before = world.fake.counters.git;
    const second = await server.call("POST", "/api/v1/health/run", { auth: admin, body: { wait: true } });
    assert.equal(second.status, 200, second.text);
    assert.equal(world.fake.counters.git - before, REPOSITORIES);
  });
});
