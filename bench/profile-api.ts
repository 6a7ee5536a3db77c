// Profiles the API route of api-throughput.bench.ts: `node --import tsx bench/profile-api.ts [sqlite|postgres] [seconds]`.
// Measures the bare route's CPU per request, then profiles the seeded server under API load, then prints where its CPU went,
// plus the store calls per request and (PostgreSQL) the postgres processes' CPU.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase } from "../test/support/postgres-test-database.ts";
import { BARE_PATH, startBenchServer } from "./bench-server.ts";
import { summarizeCpuProfile } from "./cpu-profile-summary.ts";
import { runLoad } from "./http-load.ts";

const backend = process.argv[2] === "postgres" ? "postgres" : "sqlite";
const seconds = Number(process.argv[3] ?? "5");
const watch = (
  process.env.BENCH_PROFILE_WATCH ??
  "resolveActor,authenticateApiToken,getRepository,findById,view,compileQuery,executeQuery,parse,json,serialize"
).split(",");

/** CPU seconds used so far by every process named `postgres` (all clusters, all sessions). */
function postgresCpuSeconds(): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() !== "postgres") continue;
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / 100;
}

const profDir = mkdtempSync(join(tmpdir(), "repolink-prof-"));
const database = backend === "postgres" ? await createTestDatabase("prof") : undefined;
const server = await startBenchServer({ repositories: 10_000, cpuProfDir: profDir, ...(database ? { databaseUrl: database.url } : {}) });
const { url, token, apiPaths, route } = server.ready;
const load = (durationMs: number, paths = apiPaths) =>
  runLoad({ baseUrl: url, paths, headers: paths === apiPaths ? { authorization: `Bearer ${token}` } : {}, concurrency: 16, durationMs });
await load(1000);
await load(1000, [BARE_PATH]);
// Server CPU per request on the bare route, for the difference the API route adds.
const bareBefore = await server.stats();
const bare = await load(seconds * 1000, [BARE_PATH]);
const bareAfter = await server.stats();
await server.startProfile();
const pgBefore = postgresCpuSeconds();
const cpuBefore = await server.stats();
const result = await load(seconds * 1000);
const cpuAfter = await server.stats();
const pgCpu = postgresCpuSeconds() - pgBefore;
await server.stop();
await database?.drop();

const perRequest = (cpuMicros: number, requests: number): string => `${Math.round(cpuMicros / requests)} µs`;
console.log(
  `bare route: ${Math.round(bare.requestsPerSecond)} req/s, ` +
    `server CPU per request ${perRequest(bareAfter.cpuMicros - bareBefore.cpuMicros, bare.requests)}`,
);
console.log(`API route: server CPU per request ${perRequest(cpuAfter.cpuMicros - cpuBefore.cpuMicros, result.requests)}`);
console.log(
  `${route} on ${backend}: ${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50Ms.toFixed(2)} ms, ` +
    `p99 ${result.p99Ms.toFixed(2)} ms, errors ${result.errors}`,
);
console.log(
  `CPU cores used: server ${((cpuAfter.cpuMicros - cpuBefore.cpuMicros) / 1e3 / (seconds * 1000)).toFixed(2)}, ` +
    `client ${result.clientCpuShare.toFixed(2)}` +
    (database ? `, postgres processes (whole machine) ${(pgCpu / seconds).toFixed(2)}` : ""),
);
const calls = Object.entries(cpuAfter.storeCalls)
  .map(([k, n]) => [k, (n - (cpuBefore.storeCalls[k] ?? 0)) / result.requests] as const)
  .filter(([, n]) => n > 0.001);
console.log(
  `store calls per API request: ${calls.reduce((sum, [, n]) => sum + n, 0).toFixed(2)} ` +
    `(${calls.map(([k, n]) => `${k} ${n.toFixed(2)}`).join(", ")})`,
);
const file = readdirSync(profDir).find((f) => f.endsWith(".cpuprofile"));
if (!file) throw new Error(`no .cpuprofile in ${profDir}`);
for (const line of summarizeCpuProfile(join(profDir, file), watch)) console.log(line);
console.log(`profile: ${join(profDir, file)}`);
