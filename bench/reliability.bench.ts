/**
 * Issue 13's figures at full size, from the reliability tests themselves (their `figure:` lines):
 * 3 health-worker processes sharing one credential's 1,000 repositories through pg-boss, kill -9 of
 * one mid-cycle; and a throwaway PostgreSQL server stopped for 30 s under 3 `repolink serve`
 * processes taking writes, running a health cycle as jobs and sending webhooks. No baseline: each
 * figure has an absolute target. Skipped (saying why) when no throwaway PostgreSQL can be started.
 */
import { startThrowawayPostgres } from "../test/support/throwaway-postgres.ts";
import type { BenchOptions, BenchResult } from "./bench-result.ts";
import { runTestFile, type TestFileOutcome } from "./run-test-file.ts";

const passed = (o: TestFileOutcome): boolean => o.exitCode === 0 && o.counts.fail === 0 && o.counts.cancelled === 0 && o.counts.pass > 0;

/** The first failure the TAP stream names, so a failed run's row says why. */
const firstFailure = (o: TestFileOutcome): string =>
  /^\s*error: (?:\|-\s*\n\s*)?'?([^\n']+)/m.exec(o.output)?.[1]?.trim() ?? "see the test's output";

const numbers = (output: string, pattern: RegExp): number[] | null => pattern.exec(output)?.slice(1).map(Number) ?? null;

function row(
  metric: string,
  target: string,
  value: number | null,
  unit: string,
  met: (v: number) => boolean,
  outcome: TestFileOutcome,
  notes: string,
): BenchResult {
  const ok = value !== null && passed(outcome);
  return {
    metric,
    target,
    value: value ?? Number.NaN,
    unit,
    met: ok && met(value),
    runs: value === null ? [] : [value],
    min: value ?? Number.NaN,
    max: value ?? Number.NaN,
    notes:
      `${notes}; ${outcome.counts.pass} passed, ${outcome.counts.fail} failed, ` +
      `exit code ${String(outcome.exitCode)}, ${outcome.seconds.toFixed(0)} s` +
      (passed(outcome) ? "" : `; failed: ${firstFailure(outcome)}`),
  };
}

/** Why no throwaway PostgreSQL cluster can be started here, or null when one can. */
async function throwawayUnavailable(): Promise<string | null> {
  if (process.env.REPOLINK_TEST_SKIP_POSTGRES === "1") return "REPOLINK_TEST_SKIP_POSTGRES=1";
  try {
    await (await startThrowawayPostgres()).destroy();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message.split("\n")[0]! : String(error);
  }
}

export async function run(options: BenchOptions): Promise<BenchResult[]> {
  const unavailable = await throwawayUnavailable();
  if (unavailable !== null) {
    console.warn(`reliability: skipped, no throwaway PostgreSQL: ${unavailable}`);
    return [
      {
        metric: "reliability (issue 13)",
        target: "report",
        value: 0,
        unit: "runs",
        met: null,
        runs: [],
        min: 0,
        max: 0,
        notes: `skipped: no throwaway PostgreSQL (${unavailable})`,
      },
    ];
  }
  const repositories = options.quick ? 300 : 1000;
  const outageSeconds = options.quick ? 5 : 30;
  const jobs = await runTestFile("test/reliability/health-jobs-instances.test.ts", {
    REPOLINK_RELIABILITY_REPOSITORIES: String(repositories),
  });
  const outage = await runTestFile("test/reliability/postgres-outage-instances.test.ts", {
    REPOLINK_OUTAGE_SECONDS: String(outageSeconds),
  });

  const share = numbers(jobs.output, /figure: work share (\d+)\/(\d+)\/(\d+) of (\d+) batches; units: report (\d+), GitHub counted (\d+)/);
  const kill = numbers(
    jobs.output,
    new RegExp(
      String.raw`figure: takeover ([\d.]+) s after kill -9 \(batch \d+\); repositories looked up twice: (\d+); ` +
        String.raw`units: report (\d+), GitHub counted (\d+)`,
    ),
  );
  const down = numbers(
    outage.output,
    new RegExp(
      String.raw`figure: outage (\d+) s: instances alive (\d+) of (\d+), acknowledged writes (\d+), lost (\d+),` +
        String.raw`.*duplicate deliveries (\d+), expiry warnings (\d+) of (\d+)`,
    ),
  );
  const sharePercent = share ? Math.round((100 * Math.min(share[0]!, share[1]!, share[2]!)) / share[3]!) : null;
  const unitGap = share && kill ? Math.abs(share[4]! - share[5]!) + Math.abs(kill[2]! - kill[3]!) : null;
  const jobsAt = `3 worker processes, one credential with ${repositories} repositories`;
  const outageAt = `${outageSeconds} s, 3 serve instances, throwaway cluster`;
  return [
    row(
      "takeover after kill -9 of one of 3 instances (the killed instance's batch recorded by another)",
      "≤ 30 s",
      kill?.[0] ?? null,
      "s",
      (v) => v <= 30,
      jobs,
      jobsAt,
    ),
    row(
      "duplicate GitHub lookups caused by a kill",
      "≤ 1 batch (100 repositories)",
      kill?.[1] ?? null,
      "repositories",
      (v) => v <= 100,
      jobs,
      jobsAt,
    ),
    row(
      "work share of 3 instances, one credential (smallest share)",
      "each ≥ 20%",
      sharePercent,
      "%",
      (v) => v >= 20,
      jobs,
      `${jobsAt}; batches per instance ${share ? share.slice(0, 3).join("/") : "?"} of ${share?.[3] ?? "?"}`,
    ),
    row(
      "cycle report units vs units counted by the fake (difference, share and kill runs)",
      "equal (0)",
      unitGap,
      "units",
      (v) => v === 0,
      jobs,
      jobsAt,
    ),
    row(`PostgreSQL outage: instances alive`, "3 of 3", down?.[1] ?? null, "instances", (v) => v === 3, outage, outageAt),
    row(
      `PostgreSQL outage: acknowledged writes lost`,
      "0",
      down?.[4] ?? null,
      "writes",
      (v) => v === 0,
      outage,
      `${outageAt}; ${down?.[3] ?? "?"} acknowledged writes`,
    ),
    row(
      `PostgreSQL outage: duplicate webhook deliveries (expiry warnings included)`,
      "0",
      down?.[5] ?? null,
      "deliveries",
      (v) => v === 0,
      outage,
      `${outageAt}; expiry warnings ${down?.[6] ?? "?"} of ${down?.[7] ?? "?"}`,
    ),
  ];
}
