import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { loadConfig } from "../../src/config/load-config.ts";
import { runHealthCycle } from "../../src/core/health/run-health-cycle.ts";
import type { AppTokenMint } from "../../src/integrations/github/app/app-types.ts";
import { openRuntime, type Runtime } from "../../src/main.ts";
import { createTestDatabase, postgresSkip } from "../support/postgres-test-database.ts";
import { installationUnitsOf, seedAppRepositories, startAppHealthFake, wireAppTokens, type AppHealthFake } from "./github-app-world.ts";

describe("two instances on one PostgreSQL database check a GitHub App's repositories", { skip: postgresSkip }, () => {
  let world: AppHealthFake;
  let database: { url: string; drop: () => Promise<void> };
  const dirs: string[] = [];
  const runtimes: Runtime[] = [];
  // Each instance's mints: its installation tokens live in its own memory.
  const mints: AppTokenMint[][] = [[], []];

  before(async () => {
    world = await startAppHealthFake(40, 40);
    database = await createTestDatabase("apphealth");
    const env = {
      DATABASE_URL: database.url,
      REPOLINK_MASTER_KEY: randomBytes(32).toString("hex"),
      REPOLINK_LOG_LEVEL: "silent",
      REPOLINK_HEALTH_JOB_EXPIRE_SECONDS: "30",
    };
    for (const i of [0, 1]) {
      const dir = mkdtempSync(join(tmpdir(), "repolink-apphealth-"));
      dirs.push(dir);
      const runtime = await openRuntime(loadConfig({ ...env, REPOLINK_DATA_DIR: dir }));
      wireAppTokens(runtime.deps, { onMint: (mint) => mints[i]!.push(mint) });
      runtimes.push(runtime);
    }
    await seedAppRepositories(runtimes[0]!.deps, world);
  });
  after(async () => {
    for (const runtime of runtimes) await runtime.close();
    await world?.fake.close();
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("each instance mints at most one token per installation for the jobs it runs; every repository is asked once", async () => {
    world.fake.repoHits.clear();
    // Small batches, so the cycle is many pg-boss jobs both instances take.
    const options = { slot: "pg-app", wait: true, parallelJobs: 2, pollMs: 100, batchSize: 10 };
    const [a, b] = await Promise.all(runtimes.map((r) => runHealthCycle(r.deps, options)));
    assert.deepEqual(a, b);
    assert.equal(a!.repositoriesChecked, world.fullNames.length);
    assert.deepEqual(a!.byStatus, { connected: world.fullNames.length - 2, degraded: 0, failing: 2 });
    for (const instance of mints) {
      const accounts = instance.map((m) => m.account);
      assert.equal(new Set(accounts).size, accounts.length, `one mint per installation in an instance: ${accounts.join(", ")}`);
    }
    assert.ok(mints.flat().length >= 2, "both installations got a token");
    for (const name of world.fullNames.filter((n) => !n.startsWith("frozen/")))
      assert.equal(world.fake.repoHits.get(name)?.graphql, 1, `${name} asked once`);
    assert.equal(a!.apiUnitsUsed, installationUnitsOf(world), "the report's units are what the installations spent at the fake");
    const audited = (await runtimes[0]!.deps.store.audit.list({ limit: 1000 })).filter((e) => e.action === "github-app.token-mint");
    assert.equal(audited.length, mints.flat().length, "every instance's mint is in the shared audit log");
  });
});
