import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { runHealthCycle } from "../../src/core/health/run-health-cycle.ts";
import type { GithubClient } from "../../src/integrations/github/github-client.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { runtimeGithubClient, useGithubClient } from "../support/use-github-client.ts";
import { seedHealthRepositories, startHealthFake, type HealthFake } from "./health-world.ts";

describe("health cycle rate budget", () => {
  let world: HealthFake;
  let server: TestServer;
  before(async () => {
    world = await startHealthFake(500, 1, { rateLimit: 30 });
    server = await startTestServer();
    await seedHealthRepositories(server.runtime.deps, world);
  });
  after(async () => {
    await server?.close();
    await world?.fake.close();
  });

  it("stops at 10% of the remaining budget, says so, and the next cycle resumes where it stopped", async () => {
    const deps = server.runtime.deps;
    const first = await runHealthCycle(deps, { slot: "budget-1", transportEvery: 1 });
    assert.equal(first.budgetExhausted, true, JSON.stringify(first));
    assert.equal(first.repositoriesChecked, 300, "3 of 30 points: 3 queries of 100");
    assert.equal(first.resumedFrom, null);
    const unchecked = (await deps.store.repositories.list()).filter((r) => r.lastCheckedAt === null);
    assert.deepEqual(
      unchecked.map((r) => r.name),
      world.fullNames.slice(300),
    );

    const second = await runHealthCycle(deps, { slot: "budget-2" });
    assert.equal(second.resumedFrom, first.cycleId);
    assert.equal(second.budgetExhausted, true);
    assert.equal(second.repositoriesChecked, 200, "2 of 27 points left");
    assert.ok(
      (await deps.store.repositories.list()).every((r) => r.lastCheckedAt !== null && r.status === "connected"),
      "the rest was checked",
    );
    for (const name of world.fullNames) assert.equal(world.fake.repoHits.get(name)?.graphql, 1, name);
  });
});

describe("health cycle over REST where GraphQL is not available", () => {
  let world: HealthFake;
  let server: TestServer;
  before(async () => {
    world = await startHealthFake(30, 1);
    server = await startTestServer();
    await seedHealthRepositories(server.runtime.deps, world);
    const github = runtimeGithubClient();
    // A client without GraphQL: the cycle falls back to conditional REST requests.
    const restOnly: GithubClient = {
      inspectToken: (...a) => github.inspectToken(...a),
      getRepository: (...a) => github.getRepository(...a),
      listBranches: (...a) => github.listBranches(...a),
      listAccessibleRepositories: (...a) => github.listAccessibleRepositories(...a),
      getRepositoryIfChanged: (...a) => github.getRepositoryIfChanged(...a),
    };
    useGithubClient(server.runtime.deps, restOnly);
  });
  after(async () => {
    await server?.close();
    await world?.fake.close();
  });

  it("sends ETags, and unchanged repositories cost nothing the second time (304)", async () => {
    const first = await runHealthCycle(server.runtime.deps, { slot: "rest-1" });
    assert.equal(first.apiUnitsUsed, 31);
    assert.equal(first.byStatus.connected, 30);
    const restBefore = world.fake.counters.rest;
    const second = await runHealthCycle(server.runtime.deps, { slot: "rest-2" });
    assert.equal(world.fake.counters.rest - restBefore, 31, "one token check and one conditional request per repository");
    assert.equal(second.apiUnitsUsed, 1, "304s are not counted against the rate limit");
    assert.equal(second.byStatus.connected, 30);
    assert.equal(world.fake.counters.graphql, 0);
  });
});
