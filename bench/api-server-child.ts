// Child process of api-throughput.bench.ts: seeds a store, serves the real app plus a bare
// route on 127.0.0.1:0, and answers the parent's IPC messages ("stats", "stop").
// BENCH_CPU_PROF_DIR=<dir> lets "profile-start" profile the serving (see profile-api.ts).
import { serve, type ServerType } from "@hono/node-server";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { loadConfig } from "../src/config/load-config.ts";
import { SetupCode } from "../src/core/users/setup-code.ts";
import { createApp, type AppOptions } from "../src/interfaces/http/create-app.ts";
import { openRuntime } from "../src/main.ts";
import { BARE_PATH } from "./bench-server.ts";
import { countStoreCalls } from "./count-store-calls.ts";
import { seedStore } from "./seed-store.ts";

/** What the child reports once it is serving. */
export interface ChildReady {
  type: "ready";
  url: string;
  token: string;
  /** Paths of the measured API route, one per sampled repository (or the credential). */
  apiPaths: string[];
  route: string;
  routeNote: string;
  seedMs: number;
  rssAfterSeedBytes: number;
}

/** The child's answer to "stats". */
export interface ChildStats {
  type: "stats";
  rssBytes: number;
  cpuMicros: number;
  /** Store method calls so far, by `part.method` (only counted when profiling). */
  storeCalls: Record<string, number>;
}

const repositories = Number(process.env.BENCH_REPOSITORIES ?? "10000");
const dataDir = mkdtempSync(join(tmpdir(), "repolink-bench-"));
const env: Record<string, string> = { REPOLINK_DATA_DIR: dataDir, REPOLINK_LOG_LEVEL: "warn" };
if (process.env.BENCH_DATABASE_URL) env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
const logs = new Writable({ write: (chunk, _encoding, done) => (process.stderr.write(chunk), done()) });
const runtime = await openRuntime(loadConfig(env), { logDestination: logs });
runtime.deps.checker = undefined;

const seedStart = performance.now();
const seeded = await seedStore(runtime.deps, repositories);
const seedMs = performance.now() - seedStart;
// When profiling, count store calls (≈ database queries) per request; routes read deps.store per call.
const profDir = process.env.BENCH_CPU_PROF_DIR;
const storeCalls = new Map<string, number>();
if (profDir) runtime.deps.store = countStoreCalls(runtime.deps.store, storeCalls);

const options: AppOptions = { deps: runtime.deps, setup: SetupCode.create(false), logger: runtime.logger };
const route = "GET /api/v1/repositories/{id}";
const routeNote = "mounted by createApp";
const apiPaths = seeded.repositoryIds
  .filter((_, i) => i % Math.max(1, Math.floor(repositories / 1000)) === 0)
  .map((id) => `/api/v1/repositories/${id}`);
const app = createApp(options);
// The baseline: a bare JSON route behind the same /api middleware (secure headers, body limit,
// web-UI fallback that passes /api paths on); registered last, so it must not clash with any route.
app.get(BARE_PATH, (c) => c.json({ ok: true }));

const server: ServerType = await new Promise((resolve) => {
  const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s));
});
const address = server.address() as AddressInfo;
globalThis.gc?.();

const send = (message: ChildReady | ChildStats): void => void process.send?.(message);
send({
  type: "ready",
  url: `http://127.0.0.1:${address.port}`,
  token: seeded.token,
  apiPaths,
  route,
  routeNote,
  seedMs,
  rssAfterSeedBytes: process.memoryUsage().rss,
});

// With BENCH_CPU_PROF_DIR, "profile-start" profiles the serving (not start-up or seeding) until "stop".
const profiler = profDir ? new Session() : undefined;

process.on("message", async (message: unknown) => {
  if (message === "profile-start" && profiler) {
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.setSamplingInterval", { interval: 200 });
    await profiler.post("Profiler.start");
    process.send?.({ type: "profiling" });
  } else if (message === "stats") {
    const cpu = process.cpuUsage();
    send({
      type: "stats",
      rssBytes: process.memoryUsage().rss,
      cpuMicros: cpu.user + cpu.system,
      storeCalls: Object.fromEntries(storeCalls),
    });
  } else if (message === "stop") {
    if (profiler && profDir) {
      const { profile } = await profiler.post("Profiler.stop");
      writeFileSync(join(profDir, `server-${process.pid}.cpuprofile`), JSON.stringify(profile));
    }
    server.close(() => {
      void runtime.close().finally(() => {
        rmSync(dataDir, { recursive: true, force: true });
        process.exit(0);
      });
    });
    if ("closeAllConnections" in server) server.closeAllConnections();
  }
});
