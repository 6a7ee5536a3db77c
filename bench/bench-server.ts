import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import type { ChildReady, ChildStats } from "./api-server-child.ts";

/** Path of the bare baseline route the server child adds. */
export const BARE_PATH = "/api/bench/bare";

/** A seeded Repolink server running in its own process. */
export interface BenchServer {
  ready: ChildReady;
  /** The server process's RSS and cumulative CPU time now. */
  stats(): Promise<ChildStats>;
  /** Starts the CPU profiler in the server (needs `cpuProfDir`); the profile is written on stop. */
  startProfile(): Promise<void>;
  stop(): Promise<void>;
}

function nextMessage<T extends { type: string }>(child: ChildProcess, type: T["type"]): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown): void => {
      if ((message as { type?: string }).type !== type) return;
      cleanup();
      resolve(message as T);
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`bench server exited with code ${code} before sending "${type}"`));
    };
    const cleanup = (): void => {
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    child.on("message", onMessage);
    child.on("exit", onExit);
  });
}

/**
 * Forks api-server-child.ts (SQLite in a temp dir, or `databaseUrl`), seeds `repositories`
 * repositories and waits until it serves. `cpuProfDir` profiles the serving into that directory.
 */
export async function startBenchServer(options: { databaseUrl?: string; repositories: number; cpuProfDir?: string }): Promise<BenchServer> {
  const execArgv = ["--import", "tsx", "--expose-gc"];
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_REPOSITORIES: String(options.repositories) };
  if (options.cpuProfDir) env.BENCH_CPU_PROF_DIR = options.cpuProfDir;
  else delete env.BENCH_CPU_PROF_DIR;
  if (options.databaseUrl) env.BENCH_DATABASE_URL = options.databaseUrl;
  else delete env.BENCH_DATABASE_URL;
  const child = fork(join(import.meta.dirname, "api-server-child.ts"), [], {
    execArgv,
    env,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ready = await nextMessage<ChildReady>(child, "ready");
  return {
    ready,
    stats: () => {
      const answer = nextMessage<ChildStats>(child, "stats");
      child.send("stats");
      return answer;
    },
    startProfile: async () => {
      const answer = nextMessage(child, "profiling");
      child.send("profile-start");
      await answer;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => (clearTimeout(timer), resolve()));
        child.send("stop");
      }),
  };
}
