// Metric 5: API throughput of GET /api/v1/repositories/{id} as a ratio of a bare route in the
// same server, on SQLite and PostgreSQL, with p99 latency and the server's RSS.
import { createTestDatabase, postgresUnreachable } from "../test/support/postgres-test-database.ts";
import type { BenchOptions, BenchResult } from "./bench-result.ts";
import { BARE_PATH, startBenchServer, type BenchServer } from "./bench-server.ts";
import { runLoad, type LoadResult } from "./http-load.ts";
import { median, round, summarize } from "./stats.ts";

const CONCURRENCY = 16;
const REPOSITORIES = 10_000;

interface Measured extends LoadResult {
  serverCpuShare: number;
}

async function measure(server: BenchServer, which: "api" | "bare", durationMs: number): Promise<Measured> {
  const { url, token, apiPaths } = server.ready;
  const before = await server.stats();
  const load = await runLoad({
    baseUrl: url,
    paths: which === "api" ? apiPaths : [BARE_PATH],
    headers: which === "api" ? { authorization: `Bearer ${token}` } : {},
    concurrency: CONCURRENCY,
    durationMs,
  });
  const after = await server.stats();
  if (load.errors > 0) throw new Error(`${which} route: ${load.errors} failed requests, first: ${load.firstError ?? "?"}`);
  return { ...load, serverCpuShare: (after.cpuMicros - before.cpuMicros) / 1000 / durationMs };
}

const mb = (bytes: number): number => round(bytes / 1024 / 1024, 3);
const list = (values: number[]): string => values.map((v) => round(v, 3)).join(", ");

async function measureBackend(label: string, databaseUrl: string | undefined, quick: boolean): Promise<BenchResult[]> {
  const server = await startBenchServer({ repositories: REPOSITORIES, ...(databaseUrl ? { databaseUrl } : {}) });
  try {
    const rounds = quick ? 1 : 3;
    const durationMs = quick ? 1000 : 5000;
    await measure(server, "bare", quick ? 300 : 1000);
    await measure(server, "api", quick ? 300 : 1000);
    const api: Measured[] = [];
    const bare: Measured[] = [];
    for (let r = 0; r < rounds; r += 1) {
      // Alternate the order so drift on a noisy machine hits both routes alike.
      for (const which of r % 2 === 0 ? (["bare", "api"] as const) : (["api", "bare"] as const)) {
        (which === "api" ? api : bare).push(await measure(server, which, durationMs));
      }
    }
    const after = await server.stats();
    const { route, routeNote, seedMs, rssAfterSeedBytes } = server.ready;
    const apiRps = api.map((m) => m.requestsPerSecond);
    const bareRps = bare.map((m) => m.requestsPerSecond);
    const ratio = median(api.map((m, i) => m.requestsPerSecond / (bare[i] as Measured).requestsPerSecond));
    const cpu = (ms: Measured[]): string =>
      `server ${round(median(ms.map((m) => m.serverCpuShare)), 2)} / client ${round(median(ms.map((m) => m.clientCpuShare)), 2)} cores`;
    const apiP99 = api.map((m) => m.p99Ms);
    const bareP99 = bare.map((m) => m.p99Ms);
    return [
      {
        metric: `API throughput, ${route} vs bare route (${label})`,
        target: "ratio ≥ 0.5",
        unit: "req/s",
        ...summarize(apiRps.map((v) => round(v, 4))),
        baseline: round(median(bareRps), 4),
        ratio: round(ratio, 3),
        met: ratio >= 0.5,
        notes:
          `concurrency ${CONCURRENCY}, ${rounds}×${durationMs / 1000} s alternating; ` +
          `ratio = median of paired runs; bare runs ${list(bareRps)}; ` +
          `CPU api: ${cpu(api)}, bare: ${cpu(bare)}; route ${routeNote}`,
      },
      {
        metric: `API p99 latency, ${route} (${label})`,
        target: "report",
        unit: "ms",
        ...summarize(apiP99.map((v) => round(v, 3))),
        baseline: round(median(bareP99), 3),
        ratio: round(median(apiP99) / median(bareP99), 3),
        met: null,
        notes: `p50 api ${round(median(api.map((m) => m.p50Ms)), 3)} ms, bare ${round(median(bare.map((m) => m.p50Ms)), 3)} ms`,
      },
      {
        metric: `Server RSS with ${REPOSITORIES.toLocaleString("en")} repositories (${label})`,
        target: "report",
        unit: "MiB",
        ...summarize([mb(rssAfterSeedBytes)]),
        met: null,
        notes: `after seeding (one transaction, ${round(seedMs / 1000, 2)} s) and a GC; after the load runs ${mb(after.rssBytes)} MiB`,
      },
    ];
  } finally {
    await server.stop();
  }
}

/** Runs metric 5 on SQLite and, when it is reachable, on a fresh PostgreSQL database. */
export async function run({ quick }: BenchOptions): Promise<BenchResult[]> {
  const results = await measureBackend("SQLite", undefined, quick);
  const unreachable = await postgresUnreachable();
  if (unreachable) {
    console.warn(`api-throughput: PostgreSQL skipped: ${unreachable}`);
    return results;
  }
  const database = await createTestDatabase("bench");
  try {
    results.push(...(await measureBackend("PostgreSQL", database.url, quick)));
  } finally {
    await database.drop();
  }
  return results;
}
