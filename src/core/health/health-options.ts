import type { CycleOptions } from "./health-cycle.ts";

/** How a health cycle spends GitHub's budget and shares its work; every field has a default. */
export interface HealthOptions {
  /** Share of each credential's remaining rate budget one cycle may use (0 < share ≤ 1). */
  budgetShare: number;
  /** Requests in flight per credential; GitHub's secondary limits punish bursts from one token. */
  perCredentialConcurrency: number;
  /** Requests in flight in this instance, all credentials together. */
  totalConcurrency: number;
  /** Batch jobs this instance runs at once (any credentials, any cycles). */
  parallelJobs: number;
  /** Repositories per GraphQL query (GitHub: 1 point for up to 100). */
  batchSize: number;
  /** Probe a connected repository's Git transport every n-th cycle (1 = every cycle); others are always probed. */
  transportEvery: number;
  /** Finished cycles kept in the database. */
  keepCycles: number;
  /** How often an instance waiting for a cycle's end looks for jobs to run (handed back, or expired elsewhere). */
  pollMs: number;
  /** After the host failed a credential's pass, how long its next pass waits; doubled per further failure (capped at an hour). */
  upstreamBackoffMs: number;
}

/** The defaults: 10% of the budget, ≤ 4 requests per credential and ≤ 8 in all, 100 repositories per query. */
export const defaultHealthOptions: Readonly<HealthOptions> = Object.freeze({
  budgetShare: 0.1,
  perCredentialConcurrency: 4,
  totalConcurrency: 8,
  parallelJobs: 4,
  batchSize: 100,
  // Token, visibility, permission and archive state are checked for every repository every cycle;
  // the Git transport of a repository that was connected is re-probed every 4th cycle (hourly at
  // the default 15 minutes). Anything not connected, and every re-check after a credential change, probes at once.
  transportEvery: 4,
  keepCycles: 200,
  pollMs: 1_000,
  upstreamBackoffMs: 60_000,
});

/** `partial` over the defaults; undefined fields keep the default. */
export function resolveHealthOptions(partial: Partial<HealthOptions> = {}): HealthOptions {
  const given = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) as Partial<HealthOptions>;
  return { ...defaultHealthOptions, ...given };
}

/** What every batch of a cycle runs with, from the resolved options and the run's turn and resume rule. */
export function cycleOptionsOf(o: HealthOptions, run: { transportTurn?: number; keepResumePoint?: boolean }): CycleOptions {
  return {
    budgetShare: o.budgetShare,
    transportEvery: o.transportEvery,
    transportTurn: run.transportTurn ?? 0,
    keepResumePoint: run.keepResumePoint ?? true,
    perCredentialConcurrency: o.perCredentialConcurrency,
    upstreamBackoffMs: o.upstreamBackoffMs,
    keepCycles: o.keepCycles,
  };
}
