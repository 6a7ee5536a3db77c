/**
 * Benchmark (not a test): the Git gateway against git talking to the upstream directly. Every row
 * spawns real `git` clients against `repolink serve` spawned as a user runs it (the compiled CLI, SQLite,
 * a process of its own: its work never delays the fake, the latency proxy or the clients); the GitHub
 * fake, in this process, is the upstream. Rows "at 50 ms RTT" reach the upstream through a userspace TCP latency
 * proxy (`startTcpLatencyProxy`): the direct clients and the gateway's own upstream traffic alike (the
 * runner to the gateway is a near link); netem is not available on this machine.
 * Run: `npm run bench -- --only git-gateway`.
 */
import { execFile, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { startGithubFake, type GithubFake } from "../test/github-fake/index.ts";
import type { BenchOptions, BenchResult } from "./bench-result.ts";
import {
  benchRepositoryStream,
  cachedLargeRepository,
  gitIn,
  serveHistoryOf,
  serviceRepositoryShape,
  serviceRepositoryStream,
} from "./bench-repositories.ts";
import { startSpawnedServer, type SpawnedServer } from "./spawned-server.ts";
import { round, summarize, type Summary } from "./stats.ts";
import { startTcpLatencyProxy, type TcpLatencyProxy } from "./tcp-latency-proxy.ts";
import { timeProcess, type ProcessTiming } from "./time-process.ts";

const exec = promisify(execFile);

/** How far the upstream is: `near` (loopback) or `far` (through the TCP latency proxy, host `far.test`). */
type Link = "near" | "far";

const RTT_MS = 50;
const FAR = `${RTT_MS} ms RTT (userspace TCP delay)`;

interface World {
  dir: string;
  fake: GithubFake;
  far: TcpLatencyProxy;
  server: SpawnedServer;
  /** The runner's git environment for one side: the stored token to the upstream, or the API token to the gateway. */
  env(side: "direct" | "gateway"): NodeJS.ProcessEnv;
  url(side: "direct" | "gateway", name: string, link?: Link): string;
}

async function startWorld(): Promise<World> {
  const dir = await mkdtemp(join(tmpdir(), "repolink-bench-gateway-"));
  const fake = await startGithubFake();
  fake.addUser({ login: "bench" });
  const token = fake.addToken({ login: "bench" });
  const far = await startTcpLatencyProxy(fake.url, RTT_MS);
  const serverDir = join(dir, "server");
  await mkdir(serverDir);
  const server = await startSpawnedServer(serverDir);
  const ok = (path: string, body: unknown) => server.api("POST", path, body);
  await ok("/hosts", { name: "ghe.test", url: fake.url, allowPrivateNetwork: true });
  await ok("/credentials", { name: "bot", type: "token", username: "bench", secret: token, host: "ghe.test", validate: false });
  // The same upstream behind the latency proxy, as a host of its own: its repositories get mirrors of their own.
  await ok("/hosts", { name: "far.test", url: far.url, allowPrivateNetwork: true });
  await ok("/credentials", { name: "bot-far", type: "token", username: "bench", secret: token, host: "far.test", validate: false });
  const apiToken = String((await ok("/tokens", { name: "runner" })).token);
  const env = (side: "direct" | "gateway"): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOME: dir,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_TERMINAL_PROMPT: "0",
    GIT_AUTHOR_NAME: "Bench",
    GIT_AUTHOR_EMAIL: "bench@example.test",
    GIT_COMMITTER_NAME: "Bench",
    GIT_COMMITTER_EMAIL: "bench@example.test",
    GIT_CONFIG_COUNT: "1",
    GIT_CONFIG_KEY_0: "http.extraHeader",
    GIT_CONFIG_VALUE_0: `Authorization: Bearer ${side === "direct" ? token : apiToken}`,
  });
  return {
    dir,
    fake,
    far,
    server,
    env,
    url: (side, name, link = "near") => {
      if (side === "direct") return `${link === "far" ? far.url : fake.url}/bench/${name}.git`;
      return `${server.url}/git/${link === "far" ? "far.test" : "ghe.test"}/bench/${name}.git`;
    },
  };
}

async function addRepository(world: World, name: string, fill: (gitDir: string) => Promise<void>): Promise<string> {
  const repo = await world.fake.addRepo({ owner: "bench", name, private: true });
  await fill(repo.gitDir);
  for (const [base, credential] of [
    [world.fake.url, "bot"],
    [world.far.url, "bot-far"],
  ] as const) {
    await world.server.api("POST", "/repositories", { url: `${base}/bench/${name}.git`, credential });
  }
  return repo.gitDir;
}

/** The gateway's bare mirror of bench/<name> in the server's data directory. */
async function mirrorDirOf(world: World, name: string, link: Link): Promise<string> {
  const host = link === "far" ? "far.test" : "ghe.test";
  const shown = await world.server.api("GET", `/repositories/${encodeURIComponent(`${host}:bench/${name}`)}`);
  const id = String((shown.repository as { id: string }).id);
  return join(world.server.dataDir, "git", "gateway", `${id}.git`);
}

let serial = 0;
async function git(world: World, side: "direct" | "gateway", args: string[], cwd = world.dir): Promise<ProcessTiming> {
  const timing = await timeProcess("git", args, { env: world.env(side), cwd });
  if (timing.code !== 0) throw new Error(`git ${args.join(" ")} (${side}) exited ${timing.code}: ${timing.stderr.slice(0, 400)}`);
  return timing;
}

async function cloneOnce(world: World, side: "direct" | "gateway", name: string, link: Link = "near"): Promise<number> {
  const target = join(world.dir, `clone-${++serial}`);
  const { wallMs } = await git(world, side, ["clone", "--quiet", "--no-checkout", "--", world.url(side, name, link), target]);
  await rm(target, { recursive: true, force: true });
  return wallMs;
}

async function alternate(runs: number, a: () => Promise<number>, b: () => Promise<number>): Promise<{ a: number[]; b: number[] }> {
  const result = { a: [] as number[], b: [] as number[] };
  for (let i = 0; i < runs; i++) {
    result.b.push(await b());
    result.a.push(await a());
  }
  return result;
}

function row(metric: string, target: string, limit: number, gateway: number[], direct: number[], notes?: string): BenchResult {
  const g = summarize(gateway);
  const d = summarize(direct);
  const ratio = round(g.value / d.value);
  console.log(`  ${metric.padEnd(70)} gateway ${Math.round(g.value)} ms, direct ${Math.round(d.value)} ms, ratio ${ratio}`);
  return {
    metric,
    target,
    value: round(g.value, 1),
    unit: "ms",
    baseline: round(d.value, 1),
    ratio,
    met: ratio <= limit,
    runs: g.runs.map((v) => round(v, 1)),
    min: round(g.min, 1),
    max: round(g.max, 1),
    ...(notes ? { notes } : {}),
  };
}

/** One `git clone` spawned straight from node (no timing wrapper: ten of them start within milliseconds). */
function spawnClone(world: World, side: "direct" | "gateway", url: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["clone", "--quiet", "--no-checkout", "--", url, target], {
      env: world.env(side),
      cwd: world.dir,
      stdio: "ignore",
    });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`git clone ${url} (${side}) exited ${String(code)}`))));
  });
}

/**
 * Ten clones at once: the wall from the first start until the last ends (the clones are removed after
 * the clock stops). `from` names a URL other than the side's own (the floor's file:// mirror).
 */
async function concurrentClones(
  world: World,
  side: "direct" | "gateway",
  name: string,
  link: Link = "near",
  from?: string,
): Promise<number> {
  const targets = Array.from({ length: 10 }, () => join(world.dir, `clone-${++serial}`));
  const url = from ?? world.url(side, name, link);
  const started = performance.now();
  await Promise.all(targets.map((target) => spawnClone(world, side, url, target)));
  const wall = performance.now() - started;
  await Promise.all(targets.map((target) => rm(target, { recursive: true, force: true })));
  return wall;
}

/** A new commit pushed straight to the upstream: the gateway's mirror is then stale. */
async function advanceUpstream(world: World, work: string, i: number): Promise<void> {
  await writeFile(join(work, `advance-${i}.txt`), `${i}\n`);
  await git(world, "direct", ["-C", work, "add", "."]);
  await git(world, "direct", ["-C", work, "commit", "--quiet", "-m", `advance ${i}`]);
  await git(world, "direct", ["-C", work, "push", "--quiet", "origin", "HEAD:refs/heads/main"]);
}

/** The packed size of a bare repository, in MiB with one decimal. */
async function packMiB(gitDir: string): Promise<number> {
  const counted = (await exec("git", ["-C", gitDir, "count-objects", "-v"])).stdout;
  return round(Number(/size-pack: (\d+)/.exec(counted)?.[1] ?? 0) / 1024, 1);
}

/**
 * A warm-mirror clone via the gateway against a direct clone, both with the upstream at 50 ms RTT, and the
 * floor: git cloning the gateway's own mirror over file:// (no HTTP, no upstream, the pack from the same
 * bitmaps), the client's work (receiving and indexing the pack) that every clone pays.
 */
async function farCloneRows(world: World, name: string, what: string, runs: number): Promise<BenchResult[]> {
  const far = await alternate(
    runs,
    () => cloneOnce(world, "gateway", name, "far"),
    () => cloneOnce(world, "direct", name, "far"),
  );
  const floor: number[] = [];
  const mirror = `file://${await mirrorDirOf(world, name, "far")}`;
  for (let i = 0; i < runs; i++) {
    const target = join(world.dir, `floor-${++serial}`);
    floor.push((await git(world, "direct", ["clone", "--quiet", "--no-checkout", "--", mirror, target])).wallMs);
    await rm(target, { recursive: true, force: true });
  }
  const noLatency: number[] = [];
  for (let i = 0; i < runs; i++) noLatency.push(await cloneOnce(world, "direct", name, "near"));
  const f = summarize(floor);
  const n = summarize(noLatency);
  const direct = summarize(far.b);
  console.log(
    `  floor (file:// clone of the ${name} mirror) ${Math.round(f.value)} ms = ${round(f.value / direct.value)} × direct at ${FAR}`,
  );
  console.log(`  direct clone of ${name} with no latency ${Math.round(n.value)} ms = ${round(n.value / direct.value)} × direct at ${FAR}`);
  return [
    row(`${what} via gateway (warm mirror) vs direct, ${FAR}`, "ratio ≤ 0.5", 0.5, far.a, far.b),
    reportRow(
      `floor: ${what} of the gateway's mirror over file:// vs direct at ${FAR}`,
      "report (a gateway clone cannot go below it)",
      f,
      direct,
      "the client's own work; the row above cannot go below it",
    ),
    reportRow(
      `reference: ${what} directly with no added latency vs direct at ${FAR}`,
      "report (1 minus this is the share of a direct clone's time that the latency makes)",
      n,
      direct,
      "the same upstream over loopback; a gateway clone also pays one upstream round trip (its ref check)",
    ),
  ];
}

/**
 * The floor of ten clones at once: ten git clients cloning the gateway's own mirror over file:// at the same
 * time (no HTTP, no upstream), against the ten direct clones' wall. A burst via the gateway cannot go below it.
 */
async function burstFloorRow(world: World, name: string, what: string, runs: number, direct: number[]): Promise<BenchResult> {
  const mirror = `file://${await mirrorDirOf(world, name, "far")}`;
  const floor: number[] = [];
  for (let i = 0; i < runs; i++) floor.push(await concurrentClones(world, "direct", name, "far", mirror));
  const f = summarize(floor);
  const d = summarize(direct);
  console.log(`  floor (10 file:// clones of the ${name} mirror at once) ${Math.round(f.value)} ms = ${round(f.value / d.value)} × direct`);
  return reportRow(
    `floor: 10 concurrent clones of ${what} from the gateway's mirror over file:// vs 10 direct, ${FAR}: total wall`,
    "report (a burst via the gateway cannot go below it)",
    f,
    d,
    "ten clients' own work on this machine's cores (each file:// clone also packs its objects, which the gateway's pack cache does once)",
  );
}

/** A row without a target of its own: `measured` (ms) reported beside `baseline` as a bound or a reference. */
function reportRow(metric: string, target: string, measured: Summary, baseline: Summary, notes: string): BenchResult {
  return {
    metric,
    target,
    value: round(measured.value, 1),
    unit: "ms",
    baseline: round(baseline.value, 1),
    ratio: round(measured.value / baseline.value),
    met: null,
    runs: measured.runs.map((v) => round(v, 1)),
    min: round(measured.min, 1),
    max: round(measured.max, 1),
    notes,
  };
}

/** The gateway's rows, side by side with direct git in one run. */
export async function run(options: BenchOptions): Promise<BenchResult[]> {
  const runs = options.quick ? 3 : 7;
  const world = await startWorld();
  const results: BenchResult[] = [];
  try {
    await addRepository(world, "rocket", async (gitDir) => {
      await gitIn(world.dir, gitDir, ["fast-import", "--quiet", "--force"], benchRepositoryStream());
      await gitIn(world.dir, gitDir, ["repack", "-a", "-d", "-q"]);
    });
    await cloneOnce(world, "gateway", "rocket"); // warms the mirror

    const plain = await alternate(
      runs,
      () => cloneOnce(world, "gateway", "rocket"),
      () => cloneOnce(world, "direct", "rocket"),
    );
    results.push(row("git clone via gateway (warm mirror) vs direct, 0 ms latency", "ratio ≤ 1.2", 1.2, plain.a, plain.b));

    await cloneOnce(world, "gateway", "rocket", "far"); // warms the far host's mirror
    results.push(...(await farCloneRows(world, "rocket", "git clone", runs)));

    // Ten at once on a stale mirror, then on a fresh one: what the upstream is asked for.
    const work = join(world.dir, "upstream-work");
    await git(world, "direct", ["clone", "--quiet", "--", world.url("direct", "rocket"), work]);
    const burstRuns = options.quick ? 2 : 3;
    const staleFetches: number[] = [];
    const freshFetches: number[] = [];
    const gatewayBurst: number[] = [];
    const directBurst: number[] = [];
    for (let i = 0; i < burstRuns; i++) {
      await advanceUpstream(world, work, i);
      let before = world.fake.counters.gitFetches;
      gatewayBurst.push(await concurrentClones(world, "gateway", "rocket", "far"));
      staleFetches.push(world.fake.counters.gitFetches - before);
      before = world.fake.counters.gitFetches;
      await concurrentClones(world, "gateway", "rocket", "far");
      freshFetches.push(world.fake.counters.gitFetches - before);
      directBurst.push(await concurrentClones(world, "direct", "rocket", "far"));
    }
    const fetchRow = (metric: string, values: number[], want: number): BenchResult => ({
      metric,
      target: `= ${want}`,
      value: Math.max(...values),
      unit: "upstream fetches",
      met: values.every((v) => v === want),
      runs: values,
      min: Math.min(...values),
      max: Math.max(...values),
      notes: "counted at the upstream: upload-pack requests that want objects",
    });
    results.push(fetchRow("10 concurrent clones via gateway, upstream moved: upstream fetches", staleFetches, 1));
    results.push(fetchRow("10 concurrent clones via gateway, mirror fresh: upstream fetches", freshFetches, 0));
    results.push(
      row(
        `10 concurrent clones via gateway vs 10 direct, ${FAR}: total wall`,
        "ratio ≤ 0.3",
        0.3,
        gatewayBurst,
        directBurst,
        "gateway bursts start on a stale mirror (one upstream fetch inside)",
      ),
    );
    results.push(await burstFloorRow(world, "rocket", "the same repository", burstRuns, directBurst));

    // A small repository, where the link's round trips rather than the bytes make a clone's time.
    const serviceDir = await addRepository(world, "service", async (gitDir) => {
      await gitIn(world.dir, gitDir, ["fast-import", "--quiet", "--force"], serviceRepositoryStream());
      await gitIn(world.dir, gitDir, ["repack", "-a", "-d", "-q"]);
    });
    const service = `service repository, ${serviceRepositoryShape.files} files, ${await packMiB(serviceDir)} MiB`;
    await cloneOnce(world, "gateway", "service", "far");
    results.push(...(await farCloneRows(world, "service", `git clone of a ${service}`, runs)));
    const serviceBurst = await alternate(
      burstRuns,
      () => concurrentClones(world, "gateway", "service", "far"),
      () => concurrentClones(world, "direct", "service", "far"),
    );
    results.push(
      row(
        `10 concurrent clones of a ${service} via gateway vs 10 direct, ${FAR}: total wall`,
        "ratio ≤ 0.3",
        0.3,
        serviceBurst.a,
        serviceBurst.b,
        "mirror fresh",
      ),
    );
    results.push(await burstFloorRow(world, "service", `a ${service}`, burstRuns, serviceBurst.b));

    const copies = { direct: join(world.dir, "fetch-direct"), gateway: join(world.dir, "fetch-gateway") };
    for (const side of ["direct", "gateway"] as const)
      await git(world, side, ["clone", "--quiet", "--", world.url(side, "rocket"), copies[side]]);
    // A fetch with nothing new takes a tenth of a clone: more runs, so the machine's noise weighs less in the median.
    const fetches = await alternate(
      runs * 3,
      async () => (await git(world, "gateway", ["-C", copies.gateway, "fetch", "--quiet", "origin"])).wallMs,
      async () => (await git(world, "direct", ["-C", copies.direct, "fetch", "--quiet", "origin"])).wallMs,
    );
    results.push(row("git fetch with nothing new via gateway vs direct", "ratio ≤ 1.5", 1.5, fetches.a, fetches.b));

    let pushed = 0;
    const pushOnce = async (side: "direct" | "gateway"): Promise<number> => {
      const dir = copies[side];
      await writeFile(join(dir, `push-${++pushed}.txt`), `${pushed}\n`);
      await git(world, side, ["-C", dir, "add", "."]);
      await git(world, side, ["-C", dir, "commit", "--quiet", "-m", `push ${pushed}`]);
      return (await git(world, side, ["-C", dir, "push", "--quiet", "origin", `HEAD:refs/heads/push-${pushed}`])).wallMs;
    };
    const pushes = await alternate(
      runs,
      () => pushOnce("gateway"),
      () => pushOnce("direct"),
    );
    results.push(row("git push of 1 commit via gateway vs direct", "ratio ≤ 1.5", 1.5, pushes.a, pushes.b));

    const large = await cachedLargeRepository(world.dir);
    await addRepository(world, "large", (gitDir) => serveHistoryOf(world.dir, gitDir, large));
    const largeMiB = Number((await exec("du", ["-sk", join(large, "objects")])).stdout.split("\t")[0]) / 1024;
    await cloneOnce(world, "gateway", "large"); // the mirror's first fetch
    const largeRuns = options.quick ? 1 : 3;
    const big = await alternate(
      largeRuns,
      () => cloneOnce(world, "gateway", "large"),
      () => cloneOnce(world, "direct", "large"),
    );
    const rate = (ms: number[]) => ms.map((v) => largeMiB / (v / 1000));
    const g = summarize(rate(big.a));
    const d = summarize(rate(big.b));
    const ratio = round(g.value / d.value);
    console.log(`  large clone: gateway ${round(g.value, 1)} MiB/s, direct ${round(d.value, 1)} MiB/s, ratio ${ratio}`);
    results.push({
      metric: `git clone of a ${Math.round(largeMiB)} MiB repository via gateway vs direct: throughput`,
      target: "report; ratio ≥ 0.8",
      value: round(g.value, 1),
      unit: "MiB/s",
      baseline: round(d.value, 1),
      ratio,
      met: ratio >= 0.8,
      runs: g.runs.map((v) => round(v, 1)),
      min: round(g.min, 1),
      max: round(g.max, 1),
    });
  } finally {
    await world.server.stop().catch(() => undefined);
    await world.fake.close().catch(() => undefined);
    await world.far.close().catch(() => undefined);
    await rm(world.dir, { recursive: true, force: true });
  }
  return results;
}
