import type { CoreDeps } from "../deps.ts";
import { finishHealthCycle } from "./finish-health-cycle.ts";
import type { HealthCycle, HealthCycleReport } from "./health-cycle.ts";
import { cycleOptionsOf, resolveHealthOptions, type HealthOptions } from "./health-options.ts";
import { limitConcurrency } from "./limit-concurrency.ts";
import { openHealthCycle } from "./open-health-cycle.ts";
import { summarizeCycle } from "./summarize-cycle.ts";
import { workHealthJobs } from "./work-health-jobs.ts";

/** Options of one run; unset fields take `defaultHealthOptions`. */
export interface RunHealthCycleOptions extends Partial<HealthOptions> {
  /** The shared schedule slot every instance joins; a manual run gets a slot of its own. */
  slot?: string;
  /** Only these credentials (a re-check after a change). */
  credentialIds?: string[];
  /** Only these repositories (a check right after an import). */
  repositoryIds?: string[];
  /** Keep running queued jobs (those handed back or expired elsewhere included) until the cycle is finished. */
  wait?: boolean;
  /** Whether a pass cut short by the budget is resumed by the next cycle (default true). */
  keepResumePoint?: boolean;
  /** Which turn of the transport-probe rotation this cycle is (the slot's ordinal). */
  transportTurn?: number;
  /** Told the cycle once it is opened (or joined), before any work. */
  onOpened?: (cycle: HealthCycle) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs (or joins) the health cycle of a slot: the cycle is cut into batch jobs (≤ 100
 * repositories of one credential) on the job queue, and this instance runs queued jobs like
 * every other instance does, so a big credential is spread over all of them. Each batch is
 * recorded once; the run that records the last one writes the report, sends expiry warnings
 * and refreshes the connection gauges.
 * @returns the report; `finishedAt` is null when other instances still hold jobs and `wait` is off
 */
export async function runHealthCycle(deps: CoreDeps, options: RunHealthCycleOptions = {}): Promise<HealthCycleReport> {
  const o = resolveHealthOptions(options);
  const cycle = await openHealthCycle(deps, {
    slot: options.slot ?? `manual-${deps.newId()}`,
    ...(options.credentialIds ? { credentialIds: options.credentialIds } : {}),
    ...(options.repositoryIds ? { repositoryIds: options.repositoryIds } : {}),
    batchSize: o.batchSize,
    options: cycleOptionsOf(o, options),
  });
  options.onOpened?.(cycle);
  const limitTotal = limitConcurrency(o.totalConcurrency);
  for (;;) {
    const stored = await deps.store.health.findCycle(cycle.id);
    if (stored?.report) return stored.report;
    const failure = await workHealthJobs(deps, { parallel: o.parallelJobs, limitTotal });
    const finished = (await finishHealthCycle(deps, cycle)) ?? (await deps.store.health.findCycle(cycle.id))?.report;
    if (failure !== undefined) throw failure;
    if (finished) return finished;
    if (!options.wait) return summarizeCycle(cycle, await deps.store.health.listBatches(cycle.id), null);
    await sleep(o.pollMs);
  }
}
