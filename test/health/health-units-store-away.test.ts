import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { systemActor } from "../../src/core/access/actor.ts";
import { UnavailableError } from "../../src/core/errors.ts";
import { runHealthCycle } from "../../src/core/health/run-health-cycle.ts";
import { updateHost } from "../../src/core/hosts/update-host.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { apiUnits, seedHealthRepositories, startHealthFake, type HealthFake } from "./health-world.ts";

describe("a health batch whose unit count cannot be written while it runs (the database went away for a moment)", () => {
  let world: HealthFake;
  let server: TestServer;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  before(async () => {
    process.on("unhandledRejection", onUnhandled);
    world = await startHealthFake(20, 1);
    server = await startTestServer();
    await seedHealthRepositories(server.runtime.deps, world);
  });
  after(async () => {
    process.off("unhandledRejection", onUnhandled);
    await server?.close();
    await world?.fake.close();
  });

  it("keeps the process alive (no rejection left unhandled) and still records every unit GitHub counted", async () => {
    const health = server.runtime.deps.store.health;
    const addUnits = health.addUnits.bind(health);
    let refused = 0;
    health.addUnits = async (key, units) => {
      if (refused++ === 0)
        throw new UnavailableError("STORE_UNAVAILABLE", "The database cannot be reached right now.", { retryAfterSeconds: 5 });
      return addUnits(key, units);
    };
    const before = apiUnits(world.fake);
    const report = await runHealthCycle(server.runtime.deps, { slot: "store-away" });
    // Let any stray rejection surface before looking.
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(unhandled, []);
    assert.ok(refused >= 2, "the refused write was made again");
    assert.equal(report.repositoriesChecked, 20);
    assert.equal(report.apiUnitsUsed, apiUnits(world.fake) - before, "the report counts what the fake counted");
  });
});

describe("a health cycle whose host the address guard refuses (its private-network allowance was withdrawn)", () => {
  let world: HealthFake;
  let server: TestServer;
  before(async () => {
    world = await startHealthFake(20, 1);
    server = await startTestServer();
    await seedHealthRepositories(server.runtime.deps, world);
    await updateHost(server.runtime.deps, systemActor, "ghe.test", { allowPrivateNetwork: false });
  });
  after(async () => {
    await server?.close();
    await world?.fake.close();
  });

  it("charges no unit for requests that never left (the report equals what GitHub counted: nothing)", async () => {
    const before = apiUnits(world.fake);
    const report = await runHealthCycle(server.runtime.deps, { slot: "guard-refused" });
    assert.equal(apiUnits(world.fake) - before, 0, "nothing reached the fake");
    assert.equal(report.apiUnitsUsed, 0, JSON.stringify(report));
    assert.equal(report.notCheckedUpstream, 20, "every repository is reported not checked, none failed");
    const repositories = await server.runtime.deps.store.repositories.list();
    assert.deepEqual(
      repositories.filter((r) => r.lastCheckedAt !== null).map((r) => r.name),
      [],
      "statuses are kept",
    );
  });
});
