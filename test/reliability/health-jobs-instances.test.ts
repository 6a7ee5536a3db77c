import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { loadConfig } from "../../src/config/load-config.ts";
import { runHealthCycle } from "../../src/core/health/run-health-cycle.ts";
import { openRuntime, type Runtime } from "../../src/main.ts";
import { seedHealthRepositories, startHealthFake, type HealthFake } from "../health/health-world.ts";
import { createTestDatabase, postgresSkip } from "../support/postgres-test-database.ts";
import { until as untilHolds } from "../support/until.ts";

const until = (what: string, probe: () => boolean | Promise<boolean>, deadlineMs = 300_000) => untilHolds(what, probe, { deadlineMs });

// Issue 13 items 1 and 7: three instances share one credential's 1,000 repositories through the
// job queue; kill -9 of one mid-cycle is taken over within the job expiry; SIGTERM hands jobs back.
// Sizes are overridable for the full-size bench run.
const REPOSITORIES = Number(process.env.REPOLINK_RELIABILITY_REPOSITORIES ?? "1000");
const INSTANCES = 3;
const EXPIRE_SECONDS = Number(process.env.REPOLINK_RELIABILITY_EXPIRE_SECONDS ?? "15");

/** The median run of the batches in `output` (the workers' `done` lines), of their probes, and the longest event loop lag. */
function batchRuns(output: string): string {
  const runs = [...output.matchAll(/^done \S+ in ([\d.]+) s; (\d+) probes, (\d+) ms each; event loop lag ≤ (\d+) ms$/gm)].map((m) =>
    m.slice(1).map(Number),
  );
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  const [seconds, probes, probeMs] = [0, 1, 2].map((i) => median(runs.map((r) => r[i]!)));
  const lag = Math.max(...runs.map((r) => r[3]!));
  return `median ${seconds} s (${runs.length} runs; ${probes} probes, ${probeMs} ms each); event loop lag ≤ ${lag} ms`;
}

interface Instance {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

describe(`${INSTANCES} instances share one credential's ${REPOSITORIES} repositories through the job queue`, { skip: postgresSkip }, () => {
  let world: HealthFake;
  let database: { url: string; drop: () => Promise<void> };
  let env: Record<string, string>;
  let parent: Runtime;
  const dirs: string[] = [];
  let instances: Instance[] = [];

  const start = (): Instance => {
    const dir = mkdtempSync(join(tmpdir(), "repolink-jobs-"));
    dirs.push(dir);
    const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "fixtures", "health-worker-child.ts")], {
      env: { ...process.env, ...env, REPOLINK_DATA_DIR: dir },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    return { child, output: () => out, exited };
  };
  const startAll = async () => {
    instances = Array.from({ length: INSTANCES }, start);
    await until("every instance is ready", () => instances.every((i) => i.output().includes("ready\n")));
  };
  const stopAll = async () => {
    for (const i of instances) i.child.kill("SIGKILL");
    await Promise.all(instances.map((i) => i.exited));
  };
  const count = (text: string, word: string) => text.split("\n").filter((l) => l.startsWith(`${word} `)).length;
  const openCycle = (slot: string) => runHealthCycle(parent.deps, { slot, parallelJobs: 0, transportEvery: 1 });
  const finished = async (cycleId: string) => (await parent.deps.store.health.findCycle(cycleId))?.report ?? null;

  before(async () => {
    world = await startHealthFake(REPOSITORIES, 1);
    database = await createTestDatabase("jobs");
    env = {
      DATABASE_URL: database.url,
      REPOLINK_MASTER_KEY: randomBytes(32).toString("hex"),
      REPOLINK_LOG_LEVEL: "warn",
      REPOLINK_HEALTH_JOB_EXPIRE_SECONDS: String(EXPIRE_SECONDS),
    };
    const dir = mkdtempSync(join(tmpdir(), "repolink-jobs-parent-"));
    dirs.push(dir);
    parent = await openRuntime(loadConfig({ ...env, REPOLINK_DATA_DIR: dir }));
    await seedHealthRepositories(parent.deps, world);
  });
  after(async () => {
    await stopAll().catch(() => undefined);
    await parent?.close();
    await world?.fake.close();
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("each instance runs ≥ 20% of the batches, each repository is checked once, the report's units equal GitHub's", async () => {
    world.fake.setLatency(20);
    await startAll();
    world.fake.repoHits.clear();
    const before = { ...world.fake.counters };
    const cycle = await openCycle("share");
    await until("the cycle is finished", async () => (await finished(cycle.cycleId)) !== null);
    const report = (await finished(cycle.cycleId))!;
    const batches = Math.ceil(REPOSITORIES / 100);
    // An instance prints `done` after the job is complete, which is after the cycle's report: wait for the last line.
    await until("every job's completion is printed", () => instances.reduce((n, i) => n + count(i.output(), "done"), 0) >= batches);
    const shares = instances.map((i) => count(i.output(), "done"));
    const counted = world.fake.counters.graphql - before.graphql + (world.fake.counters.rest - before.rest);
    // `figure:` lines are what `npm run bench` (bench/reliability.bench.ts) tabulates.
    console.log(
      `figure: work share ${shares.join("/")} of ${batches} batches; units: report ${report.apiUnitsUsed}, GitHub counted ${counted}`,
    );
    console.log(`share detail: batches ${batchRuns(instances.map((i) => i.output()).join(""))}`);
    assert.equal(
      shares.reduce((a, b) => a + b, 0),
      batches,
    );
    for (const share of shares) assert.ok(share / batches >= 0.2, `each instance takes ≥ 20% of the work: ${JSON.stringify(shares)}`);
    assert.equal(report.repositoriesChecked, REPOSITORIES);
    for (const name of world.fullNames) assert.equal(world.fake.repoHits.get(name)?.graphql, 1, name);
    assert.equal(report.apiUnitsUsed, counted, "units in the report = units GitHub counted");
    await stopAll();
  });

  it("kill -9 of one instance mid-cycle: its job is taken over, at most one batch looked up twice, units still equal", async () => {
    world.fake.setLatency(40);
    await startAll();
    world.fake.repoHits.clear();
    const before = { ...world.fake.counters };
    const cycle = await openCycle("kill");
    const victim = instances[1]!;
    await until(
      "the victim runs a job after the first batch",
      () =>
        count(victim.output(), "took") > count(victim.output(), "done") &&
        count(instances[0]!.output() + instances[2]!.output() + victim.output(), "done") >= 1,
    );
    const held = Number(/took \S+\/(\d+)\n$/.exec(victim.output())?.[1]);
    victim.child.kill("SIGKILL");
    const killedAt = Date.now();
    await victim.exited;
    const credentialId = (await parent.deps.store.health.listBatches(cycle.cycleId))[0]!.credentialId;
    const survivors = [instances[0]!, instances[2]!];
    let retakenAt: number | null = null;
    await until("another instance recorded the killed instance's batch", async () => {
      if (retakenAt === null && survivors.some((i) => i.output().includes(`took ${credentialId}/${held}\n`))) retakenAt = Date.now();
      return (await parent.deps.store.health.findBatch({ cycleId: cycle.cycleId, credentialId, batch: held }))?.status === "done";
    });
    const takeoverSeconds = (Date.now() - killedAt) / 1000;
    await until("the cycle is finished", async () => (await finished(cycle.cycleId)) !== null);
    const report = (await finished(cycle.cycleId))!;
    const twice = world.fullNames.filter((n) => (world.fake.repoHits.get(n)?.graphql ?? 0) > 1).length;
    const counted = world.fake.counters.graphql - before.graphql + (world.fake.counters.rest - before.rest);
    console.log(
      `figure: takeover ${takeoverSeconds.toFixed(1)} s after kill -9 (batch ${held}); repositories looked up twice: ${twice}; ` +
        `units: report ${report.apiUnitsUsed}, GitHub counted ${counted}`,
    );
    // Where the takeover's time goes: until a survivor takes the job (expiry, pg-boss maintenance, a free worker), then its run.
    const runs = batchRuns(survivors.map((i) => i.output()).join(""));
    const retaken = ((retakenAt ?? Date.now()) - killedAt) / 1000;
    console.log(
      `takeover detail: job taken by a survivor ${retaken.toFixed(1)} s after the kill (expiry ${EXPIRE_SECONDS} s), ` +
        `recorded ${(takeoverSeconds - retaken).toFixed(1)} s later; survivors' batches ${runs}`,
    );
    assert.ok(takeoverSeconds <= EXPIRE_SECONDS + 10 + 60, `the killed instance's job was taken over (${takeoverSeconds} s)`);
    assert.ok(twice <= 100, `at most one batch is looked up twice (${twice})`);
    assert.equal(report.repositoriesChecked, REPOSITORIES);
    for (const name of world.fullNames) assert.ok((world.fake.repoHits.get(name)?.graphql ?? 0) >= 1, name);
    assert.equal(report.apiUnitsUsed, counted, "the killed instance's spending is in the report");
    await stopAll();
  });

  it("SIGTERM: jobs in hand finish (or are handed back), the instance exits 0, and no job stays active", async () => {
    world.fake.setLatency(40);
    await startAll();
    const cycle = await openCycle("sigterm");
    const leaving = instances[0]!;
    await until("the instance runs a job", () => count(leaving.output(), "took") > count(leaving.output(), "done"));
    leaving.child.kill("SIGTERM");
    assert.equal(await leaving.exited, 0);
    assert.equal(count(leaving.output(), "took"), count(leaving.output(), "done"), "the job in hand was finished before exit");
    await until("the cycle is finished", async () => (await finished(cycle.cycleId)) !== null);
    assert.equal((await finished(cycle.cycleId))!.repositoriesChecked, REPOSITORIES);
    await stopAll();
  });
});
