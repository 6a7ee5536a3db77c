import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { loadConfig } from "../../src/config/load-config.ts";
import { runHealthCycle } from "../../src/core/health/run-health-cycle.ts";
import { openRuntime, type Runtime } from "../../src/main.ts";
import { createTestDatabase, postgresSkip } from "../support/postgres-test-database.ts";
import { seedHealthRepositories, startHealthFake, type HealthFake } from "./health-world.ts";

describe("two instances on one PostgreSQL database share the health cycle", { skip: postgresSkip }, () => {
  let world: HealthFake;
  let database: { url: string; drop: () => Promise<void> };
  const dirs: string[] = [];
  let env: Record<string, string>;
  let a: Runtime;
  let b: Runtime;
  const open = async () => {
    const dir = mkdtempSync(join(tmpdir(), "repolink-health-"));
    dirs.push(dir);
    return openRuntime(loadConfig({ ...env, REPOLINK_DATA_DIR: dir }));
  };
  before(async () => {
    world = await startHealthFake(1000, 5);
    database = await createTestDatabase("health");
    env = { DATABASE_URL: database.url, REPOLINK_MASTER_KEY: randomBytes(32).toString("hex"), REPOLINK_LOG_LEVEL: "silent" };
    a = await open();
    b = await open();
    await seedHealthRepositories(a.deps, world);
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await world?.fake.close();
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("runs every check exactly once when both run the same cycle at once", async () => {
    world.fake.repoHits.clear();
    const options = { slot: "pg-concurrent", wait: true, parallelCredentials: 2, pollMs: 100 };
    const [ra, rb] = await Promise.all([runHealthCycle(a.deps, options), runHealthCycle(b.deps, options)]);
    assert.deepEqual(ra, rb);
    assert.equal(ra.repositoriesChecked, 1000);
    assert.ok(ra.finishedAt !== null);
    for (const name of world.fullNames) assert.deepEqual(world.fake.repoHits.get(name), { graphql: 1, git: 1 }, name);
    const owners = new Set((await a.deps.store.health.listWork(ra.cycleId)).map((w) => w.leaseOwner));
    assert.equal(owners.size, 2, "both instances took work");
  });

  it("finishes a killed instance's work once its lease expires, without redoing what it stored", async () => {
    world.fake.repoHits.clear();
    world.fake.setLatency(15);
    const slot = "pg-killed";
    const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "fixtures", "health-cycle-child.ts")], {
      env: {
        ...process.env,
        ...env,
        REPOLINK_DATA_DIR: mkdtempSync(join(tmpdir(), "repolink-health-child-")),
        HEALTH_SLOT: slot,
        HEALTH_LEASE_MS: "1500",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    let cycleId: string | undefined;
    for (let i = 0; i < 600 && cycleId === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const cycle = (await a.deps.store.health.listCycles(5)).find((c) => c.slot === slot);
      if (cycle && (await a.deps.store.health.listWork(cycle.id)).some((w) => w.cursor !== null)) cycleId = cycle.id;
    }
    assert.ok(cycleId, "the child made progress");
    child.kill("SIGKILL");
    await exited;
    world.fake.setLatency(0);
    const stored = await a.deps.store.health.listWork(cycleId);
    assert.ok(
      stored.some((w) => w.status !== "done"),
      "the child was killed mid-cycle",
    );
    const report = await runHealthCycle(b.deps, { slot, wait: true, leaseMs: 1500, pollMs: 200 });
    assert.equal(report.cycleId, cycleId);
    assert.ok(report.finishedAt !== null);
    assert.equal(report.repositoriesChecked, 1000);
    const repos = await b.deps.store.repositories.list();
    for (const w of stored) {
      const mine = repos.filter((r) => r.credentialId === w.credentialId).sort((x, y) => (x.id < y.id ? -1 : 1));
      const done = w.cursor === null ? [] : mine.filter((r) => r.id <= w.cursor!);
      for (const r of done)
        assert.equal(world.fake.repoHits.get(r.name)?.graphql, 1, `${r.name} was stored by the killed instance and not checked again`);
    }
    for (const name of world.fullNames) assert.ok((world.fake.repoHits.get(name)?.graphql ?? 0) >= 1, name);
  });
});
