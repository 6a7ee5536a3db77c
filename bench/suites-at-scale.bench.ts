import { spawn } from "node:child_process";
import { join } from "node:path";
import type { BenchOptions, BenchResult } from "./bench-result.ts";

interface Suite {
  metric: string;
  file: string;
  rounds: number;
  unit: string;
  env: Record<string, string>;
}

/** Runs one crash test file with more kill rounds than `npm test` does; resolves with its pass/fail counts. */
function runSuite(suite: Suite): Promise<{ passed: number; failed: number; seconds: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--test", "--test-reporter=tap", join(import.meta.dirname, "..", suite.file)], {
      env: { ...process.env, ...suite.env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", () => {
      const count = (name: string): number => Number(new RegExp(`^# ${name} (\\d+)$`, "m").exec(out)?.[1] ?? "0");
      resolve({ passed: count("pass"), failed: count("fail"), seconds: (Date.now() - started) / 1000 });
    });
  });
}

/**
 * The crash and load tests of `npm test`, at the sizes SECURITY.md asks for (100+ kills;
 * hundreds of requests): every acknowledged write kept, every request answered.
 */
export async function run(options: BenchOptions): Promise<BenchResult[]> {
  const scale = options.quick ? 0.1 : 1;
  const suites: Suite[] = [
    { metric: "kill -9 rounds survived: SQLite writer (acknowledged writes kept, integrity_check ok)", file: "test/storage/sqlite-durability.test.ts", rounds: Math.ceil(100 * scale), unit: "kills", env: { REPOLINK_CRASH_ROUNDS: String(Math.ceil(100 * scale)) } },
    { metric: "kill -9 rounds survived: credential update + key rotation (SQLite and PostgreSQL each)", file: "test/crash/credential-update-crash.test.ts", rounds: Math.ceil(30 * scale), unit: "kills", env: { REPOLINK_CRASH_ROUNDS: String(Math.ceil(30 * scale)) } },
    { metric: "kill -9 of `repolink serve` under API writes (SQLite and PostgreSQL each)", file: "test/security/serve-kill.test.ts", rounds: Math.ceil(30 * scale), unit: "kills", env: { REPOLINK_CRASH_ROUNDS: String(Math.ceil(30 * scale)) } },
    { metric: "load: concurrent API requests and git operations, all answered, nothing lost (scale)", file: "test/security/load.test.ts", rounds: options.quick ? 1 : 3, unit: "× default size", env: { REPOLINK_LOAD_SCALE: options.quick ? "1" : "3" } },
  ];
  const results: BenchResult[] = [];
  for (const suite of suites) {
    const outcome = await runSuite(suite);
    results.push({
      metric: suite.metric,
      target: "every round survives",
      value: suite.rounds,
      unit: suite.unit,
      met: outcome.failed === 0 && outcome.passed > 0,
      runs: [suite.rounds],
      min: suite.rounds,
      max: suite.rounds,
      notes: `${outcome.passed} passed, ${outcome.failed} failed in ${outcome.seconds.toFixed(0)} s`,
    });
  }
  return results;
}
