import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { runHealthCycle } from "../../src/core/health/run-health-cycle.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { apiUnits, seedHealthRepositories, startHealthFake, type HealthFake } from "./health-world.ts";

describe("health cycle against the GitHub fake: 1,000 repositories on 5 credentials", () => {
  let world: HealthFake;
  let server: TestServer;
  let credentialIds: string[];
  before(async () => {
    world = await startHealthFake(1000, 5);
    server = await startTestServer();
    credentialIds = await seedHealthRepositories(server.runtime.deps, world);
  });
  after(async () => {
    await server?.close();
    await world?.fake.close();
  });

  it("checks every repository once and costs at most 0.02 API units per repository", async () => {
    const before = apiUnits(world.fake);
    const logBefore = world.fake.log.length;
    const report = await runHealthCycle(server.runtime.deps, { slot: "test-1" });
    const units = apiUnits(world.fake) - before;
    const rest = world.fake.log.slice(logBefore).filter((line) => line.includes("/api/v3/"));
    assert.deepEqual(rest, [], "the token checks ride on the GraphQL queries: no GET /user");
    assert.equal(units, 10, "one query per 100 repositories, nothing else");
    assert.equal(report.repositoriesChecked, 1000, JSON.stringify(report));
    assert.equal(report.credentialsChecked, 5);
    assert.deepEqual(report.byStatus, { connected: 1000, degraded: 0, failing: 0 });
    assert.equal(report.budgetExhausted, false);
    assert.equal(report.apiUnitsUsed, units, "the report counts what the fake counted");
    assert.ok(units / 1000 <= 0.02, `${units} units for 1000 repositories`);
    for (const name of world.fullNames) assert.deepEqual(world.fake.repoHits.get(name), { graphql: 1, git: 1 }, name);
    const repos = await server.runtime.deps.store.repositories.list();
    assert.ok(repos.every((r) => r.status === "connected" && r.lastCheckedAt !== null && r.defaultBranch === "main"));
    const checks = await server.runtime.deps.store.repositories.listChecks(repos[0]!.id, 10);
    assert.equal(checks.length, 1, "history gets an entry on a status change");
    assert.equal(credentialIds.length, 5);
  });

  it("a second cycle appends no history when nothing changed", async () => {
    const report = await runHealthCycle(server.runtime.deps, { slot: "test-2" });
    assert.equal(report.repositoriesChecked, 1000);
    const repos = await server.runtime.deps.store.repositories.list();
    assert.equal((await server.runtime.deps.store.repositories.listChecks(repos[0]!.id, 10)).length, 1);
  });

  it("a revoked token turns all its repositories failing within one cycle", async () => {
    world.fake.revokeToken(world.tokens[2]!);
    const graphqlBefore = world.fake.counters.graphql;
    const restBefore = world.fake.counters.rest;
    const report = await runHealthCycle(server.runtime.deps, { slot: "test-3" });
    assert.deepEqual(report.byStatus, { connected: 800, degraded: 0, failing: 200 });
    assert.equal(
      world.fake.counters.graphql - graphqlBefore,
      10,
      "8 for the others; the revoked token's two batches get a 401 each (one query per batch job), never retried",
    );
    assert.equal(world.fake.counters.rest - restBefore, 0);
    const failing = await server.runtime.deps.store.repositories.listByCredential(credentialIds[2]!);
    assert.ok(
      failing.every((r) => r.status === "failing" && r.reasonCode === "GITHUB_TOKEN_REVOKED"),
      JSON.stringify(failing[0]),
    );
    const credential = await server.runtime.deps.store.credentials.findById(credentialIds[2]!);
    assert.equal(credential?.status, "invalid");
    const history = await server.runtime.deps.store.repositories.listChecks(failing[0]!.id, 10);
    assert.deepEqual(
      history.map((c) => c.status),
      ["failing", "connected"],
    );
  });
});
