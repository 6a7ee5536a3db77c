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

/** Counts the jobs a runtime takes from the queue from now on. */
function countJobs(runtime: Runtime): () => number {
  let taken = 0;
  const queue = runtime.deps.healthJobs;
  const take = queue.take.bind(queue);
  queue.take = async () => {
    const job = await take();
    if (job) taken++;
    return job;
  };
  return () => taken;
}

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
    env = {
      DATABASE_URL: database.url,
      REPOLINK_MASTER_KEY: randomBytes(32).toString("hex"),
      REPOLINK_LOG_LEVEL: "silent",
      REPOLINK_HEALTH_JOB_EXPIRE_SECONDS: "5",
    };
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
    const options = { slot: "pg-concurrent", wait: true, parallelJobs: 2, pollMs: 100 };
    const ran = [countJobs(a), countJobs(b)];
    const [ra, rb] = await Promise.all([runHealthCycle(a.deps, options), runHealthCycle(b.deps, options)]);
    assert.deepEqual(ra, rb);
    assert.equal(ra.repositoriesChecked, 1000);
    assert.ok(ra.finishedAt !== null);
    for (const name of world.fullNames) assert.deepEqual(world.fake.repoHits.get(name), { graphql: 1, git: 1 }, name);
    assert.ok(
      ran.every((n) => n() > 0),
      "both instances took work",
    );
  });

  it("finishes a killed instance's jobs once they expire, without redoing the batches it recorded", async () => {
    world.fake.repoHits.clear();
    world.fake.setLatency(15);
    const slot = "pg-killed";
    const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "fixtures", "health-cycle-child.ts")], {
      env: {
        ...process.env,
        ...env,
        REPOLINK_DATA_DIR: mkdtempSync(join(tmpdir(), "repolink-health-child-")),
        HEALTH_SLOT: slot,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    let cycleId: string | undefined;
    for (let i = 0; i < 600 && cycleId === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const cycle = (await a.deps.store.health.listCycles(5)).find((c) => c.slot === slot);
      if (cycle && (await a.deps.store.health.listBatches(cycle.id)).some((w) => w.status === "done")) cycleId = cycle.id;
    }
    assert.ok(cycleId, "the child made progress");
    child.kill("SIGKILL");
    await exited;
    world.fake.setLatency(0);
    const stored = await a.deps.store.health.listBatches(cycleId);
    assert.ok(
      stored.some((w) => w.status !== "done"),
      "the child was killed mid-cycle",
    );
    const report = await runHealthCycle(b.deps, { slot, wait: true, pollMs: 200 });
    assert.equal(report.cycleId, cycleId);
    assert.ok(report.finishedAt !== null);
    assert.equal(report.repositoriesChecked, 1000);
    const names = new Map((await b.deps.store.repositories.list()).map((r) => [r.id, r.name]));
    for (const batch of stored.filter((s) => s.status === "done"))
      for (const id of batch.repositoryIds)
        assert.equal(
          world.fake.repoHits.get(names.get(id)!)?.graphql,
          1,
          `${names.get(id)} was stored by the killed instance and not checked again`,
        );
    for (const name of world.fullNames) assert.ok((world.fake.repoHits.get(name)?.graphql ?? 0) >= 1, name);
  });
});
