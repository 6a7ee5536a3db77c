/**
 * Benchmark (not a test): GitHub API units per repository of one health cycle vs one REST
 * call per repository, API requests per repository when one credential holds nearly all of
 * them, and cycle time with 50 ms of latency vs `git ls-remote` per repository at the same
 * concurrency, against the GitHub fake.
 * Run: `node --import tsx bench/health-cycle.bench.ts [--quick]` (or `npm run bench`).
 */
import { pathToFileURL } from "node:url";
import { githubApiTarget } from "../src/integrations/github/github-api-target.ts";
import { runtimeGithubClient } from "../test/support/use-github-client.ts";
import { limitConcurrency } from "../src/core/health/limit-concurrency.ts";
import { runHealthCycle } from "../src/core/health/run-health-cycle.ts";
import { gitRemoteFor } from "../src/core/repositories/git-remote-for.ts";
import { Secret } from "../src/core/secret.ts";
import { startTestServer } from "../test/support/test-server.ts";
import { apiUnits, seedHealthRepositories, startHealthFake } from "../test/health/health-world.ts";
import type { BenchOptions, BenchResult } from "./bench-result.ts";
import { round, summarize } from "./stats.ts";

const CONCURRENCY = 8;

/** Sets up `repos` repositories on `credentials` tokens (round-robin, or `holdings` each); runs `measure`; tears down. */
async function withWorld<T>(
  repos: number,
  credentials: number,
  measure: (w: Awaited<ReturnType<typeof setup>>) => Promise<T>,
  holdings?: number[],
): Promise<T> {
  const w = await setup(repos, credentials, holdings);
  try {
    return await measure(w);
  } finally {
    await w.server.close();
    await w.world.fake.close();
  }
}

async function setup(repos: number, credentials: number, holdings?: number[]) {
  const world = await startHealthFake(repos, credentials, { rateLimit: 10_000_000 });
  const server = await startTestServer({ REPOLINK_LOG_LEVEL: "silent" });
  await seedHealthRepositories(server.runtime.deps, world, holdings);
  return { world, server, deps: server.runtime.deps };
}

/** Units of one cycle and of the baseline (a token check per credential, then GET /repos/{owner}/{repo} per repository). */
async function units(repos: number, credentials: number, probeTransport: boolean): Promise<{ health: number; baseline: number }> {
  return withWorld(repos, credentials, async ({ world, deps }) => {
    let before = apiUnits(world.fake);
    await runHealthCycle(deps, { slot: "units", ...(probeTransport ? {} : { transportEvery: Number.MAX_SAFE_INTEGER, transportTurn: 1 }) });
    const health = apiUnits(world.fake) - before;
    before = apiUnits(world.fake);
    const host = (await deps.store.hosts.findByName("ghe.test"))!;
    const limit = limitConcurrency(CONCURRENCY);
    const github = runtimeGithubClient();
    await Promise.all(world.tokens.map((t) => github.inspectToken(githubApiTarget(host), new Secret(t))));
    await Promise.all(
      world.fullNames.map((name, i) =>
        limit(() => github.getRepository(githubApiTarget(host), new Secret(world.tokens[i % world.tokens.length]!), "acme", name.slice(5))),
      ),
    );
    return { health: health / repos, baseline: (apiUnits(world.fake) - before) / repos };
  });
}

/**
 * API requests (REST + GraphQL, as the fake counts them) per repository of a first and a
 * steady-state cycle, with credential `i` holding `holdings[i]` repositories. Git transport
 * probes are not API requests.
 */
async function requestsPerRepository(holdings: number[]): Promise<number[]> {
  const repos = holdings.reduce((sum, n) => sum + n, 0);
  return withWorld(
    repos,
    holdings.length,
    async ({ world, deps }) => {
      const perCycle: number[] = [];
      for (const [i, slot] of ["requests-first", "requests-steady"].entries()) {
        const before = world.fake.counters.rest + world.fake.counters.graphql;
        await runHealthCycle(deps, { slot, transportTurn: i });
        perCycle.push((world.fake.counters.rest + world.fake.counters.graphql - before) / repos);
      }
      return perCycle;
    },
    holdings,
  );
}

/**
 * Seconds for a first cycle (every transport probed) and a steady-state one (default rotation)
 * vs `git ls-remote` per repository, with latency.
 */
async function cycleTime(repos: number, latencyMs: number): Promise<{ health: number; first: number; baseline: number }> {
  return withWorld(repos, 2, async ({ world, deps }) => {
    world.fake.setLatency(latencyMs);
    const concurrency = { totalConcurrency: CONCURRENCY, perCredentialConcurrency: CONCURRENCY / 2 };
    let t0 = performance.now();
    await runHealthCycle(deps, { ...concurrency, slot: "first", transportEvery: 1 });
    const first = (performance.now() - t0) / 1000;
    t0 = performance.now();
    await runHealthCycle(deps, { ...concurrency, slot: "steady", transportTurn: 1 });
    const health = (performance.now() - t0) / 1000;
    const host = (await deps.store.hosts.findByName("ghe.test"))!;
    const repositories = await deps.store.repositories.list();
    const limit = limitConcurrency(CONCURRENCY);
    const credentials = await deps.store.credentials.list();
    const tokenOf = new Map(credentials.map((c) => [c.id, world.tokens[Number(c.name.slice(5))]!]));
    t0 = performance.now();
    await Promise.all(
      repositories.map((r) =>
        limit(() =>
          deps.git.lsRemote(
            gitRemoteFor(host, r, { kind: "token", username: "octocat", token: new Secret(tokenOf.get(r.credentialId!)!) }),
          ),
        ),
      ),
    );
    return { health, first, baseline: (performance.now() - t0) / 1000 };
  });
}

/** The health-cycle figures; `quick` measures 1,000 repositories only and one run each. */
export async function run({ quick }: BenchOptions): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const sizes: [number, number, boolean][] = quick
    ? [
        [1000, 1, true],
        [1000, 10, true],
      ]
    : [
        [1000, 1, true],
        [1000, 10, true],
        [10_000, 1, false],
        [10_000, 10, false],
      ];
  for (const [repos, credentials, probe] of sizes) {
    const u = await units(repos, credentials, probe);
    results.push({
      metric: `API units per repository, ${repos} repositories on ${credentials} credential(s)`,
      target: "≤ 0.02 and ≥ 50× fewer than one REST call per repository",
      value: round(u.health, 4),
      unit: "units/repo",
      baseline: round(u.baseline, 4),
      ratio: round(u.baseline / u.health, 1),
      met: u.health <= 0.02 && u.baseline / u.health >= 50,
      runs: [round(u.health, 4)],
      min: round(u.health, 4),
      max: round(u.health, 4),
      notes: probe
        ? "transport probed for every repository (Git requests are not API units)"
        : "transport probes skipped: they cost no API units, only time",
    });
  }
  const holdings = [498, 1, 1];
  const perRepository = await requestsPerRepository(holdings);
  const worst = Math.max(...perRepository);
  results.push({
    metric: `API requests per repository per cycle, 500 repositories on 3 credentials (${holdings.join(" + ")})`,
    target: "≤ 0.015",
    value: round(worst, 4),
    unit: "requests/repo",
    met: worst <= 0.015,
    runs: perRepository.map((r) => round(r, 4)),
    min: round(Math.min(...perRepository), 4),
    max: round(worst, 4),
    notes:
      "REST + GraphQL requests counted at the fake, first and steady-state cycle (the worse is the value); " +
      "each credential's token check rides on its first GraphQL query, so a credential with one repository costs one request",
  });
  const repos = quick ? 200 : 1000;
  const runs = quick ? 1 : 3;
  const times: { health: number; first: number; baseline: number }[] = [];
  for (let i = 0; i < runs; i++) times.push(await cycleTime(repos, 50));
  const health = summarize(times.map((t) => t.health));
  const first = summarize(times.map((t) => t.first));
  const baseline = summarize(times.map((t) => t.baseline));
  results.push({
    metric: `first cycle time (every transport probed), ${repos} repositories, 50 ms latency, concurrency ${CONCURRENCY}`,
    target: "report",
    value: round(first.value, 2),
    unit: "s",
    baseline: round(baseline.value, 2),
    ratio: round(baseline.value / first.value, 2),
    met: null,
    runs: first.runs.map((r) => round(r, 2)),
    min: round(first.min, 2),
    max: round(first.max, 2),
    notes: "one smart-HTTP request per repository vs git ls-remote per repository",
  });
  results.push({
    metric: `steady-state cycle time, ${repos} repositories, 50 ms latency, concurrency ${CONCURRENCY}`,
    target: "≥ 4× faster than git ls-remote per repository",
    value: round(health.value, 2),
    unit: "s",
    baseline: round(baseline.value, 2),
    ratio: round(baseline.value / health.value, 2),
    met: baseline.value / health.value >= 4,
    runs: health.runs.map((r) => round(r, 2)),
    min: round(health.min, 2),
    max: round(health.max, 2),
    notes:
      "health: 1 GraphQL query per 100 for all (the token check rides on the first), " +
      "smart-HTTP probe for each connected repository every 4th cycle; baseline: git ls-remote per repository",
  });
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const r of await run({ quick: process.argv.includes("--quick") })) console.log(JSON.stringify(r));
}
