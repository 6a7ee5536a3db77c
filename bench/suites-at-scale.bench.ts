import type { BenchOptions, BenchResult } from "./bench-result.ts";
import { runTestFile, type TestFileOutcome } from "./run-test-file.ts";

interface Suite {
  metric: string;
  file: string;
  rounds: number;
  unit: string;
  env: Record<string, string>;
}

/** What a suite's run reported, with the sizes its tests say they reached. */
interface SuiteOutcome extends TestFileOutcome {
  /** From each test's `# <n> kills survived` or `# scale <n>:` diagnostic: what was really done. */
  measured: number[];
}

/** Runs one crash or load test file at a larger size than `npm test` does. */
async function runSuite(suite: Suite): Promise<SuiteOutcome> {
  const outcome = await runTestFile(suite.file, suite.env);
  const measured = [...outcome.output.matchAll(/^\s*# (?:(\d+) kills survived|scale (\d+(?:\.\d+)?):)/gm)].map((m) => Number(m[1] ?? m[2]));
  return { ...outcome, measured };
}

/**
 * The crash and load tests of `npm test`, at the sizes SECURITY.md asks for (100+ kills;
 * hundreds of requests): every acknowledged write kept, every request answered.
 */
export async function run(options: BenchOptions): Promise<BenchResult[]> {
  const scale = options.quick ? 0.1 : 1;
  const suites: Suite[] = [
    {
      metric: "kill -9 rounds survived: SQLite writer (acknowledged writes kept, integrity_check ok)",
      file: "test/storage/sqlite-durability.test.ts",
      rounds: Math.ceil(100 * scale),
      unit: "kills",
      env: { REPOLINK_CRASH_ROUNDS: String(Math.ceil(100 * scale)) },
    },
    {
      metric: "kill -9 rounds survived: credential update + key rotation (SQLite and PostgreSQL each)",
      file: "test/crash/credential-update-crash.test.ts",
      rounds: Math.ceil(30 * scale),
      unit: "kills",
      env: { REPOLINK_CRASH_ROUNDS: String(Math.ceil(30 * scale)) },
    },
    {
      metric: "kill -9 of `repolink serve` under API writes (SQLite and PostgreSQL each)",
      file: "test/security/serve-kill.test.ts",
      rounds: Math.ceil(30 * scale),
      unit: "kills",
      env: { REPOLINK_CRASH_ROUNDS: String(Math.ceil(30 * scale)) },
    },
    {
      metric: "load: concurrent API requests and git operations, all answered, nothing lost (scale)",
      file: "test/security/load.test.ts",
      rounds: options.quick ? 1 : 3,
      unit: "× default size",
      env: { REPOLINK_LOAD_SCALE: options.quick ? "1" : "3" },
    },
  ];
  const results: BenchResult[] = [];
  for (const suite of suites) {
    const outcome = await runSuite(suite);
    const { pass, fail, cancelled, skipped, todo } = outcome.counts;
    // Met only when every test ran and passed and each reported the size it reached: a skipped test proves nothing.
    const ran =
      outcome.exitCode === 0 && fail === 0 && cancelled === 0 && skipped === 0 && todo === 0 && pass > 0 && outcome.measured.length > 0;
    const reached = outcome.measured.length > 0 ? Math.min(...outcome.measured) : 0;
    results.push({
      metric: suite.metric,
      target: `${suite.rounds} ${suite.unit}, every test passing`,
      value: reached,
      unit: suite.unit,
      met: ran && reached >= suite.rounds,
      runs: outcome.measured,
      min: reached,
      max: outcome.measured.length > 0 ? Math.max(...outcome.measured) : 0,
      notes:
        `asked for ${suite.rounds}; ${pass} passed, ${fail} failed, ${cancelled} cancelled, ${skipped} skipped, ` +
        `exit code ${String(outcome.exitCode)}, ${outcome.seconds.toFixed(0)} s`,
    });
  }
  return results;
}
