import type { Logger } from "pino";
import type { CoreDeps } from "../../core/deps.ts";
import { resolveHealthOptions, type HealthOptions } from "../../core/health/health-options.ts";
import { limitConcurrency } from "../../core/health/limit-concurrency.ts";
import { workHealthJobs } from "../../core/health/work-health-jobs.ts";

/** Options of `startHealthWorkers`. */
export interface HealthWorkersOptions {
  /** How often idle workers look for queued jobs (1 s by default). */
  pollMs?: number;
  health?: Partial<HealthOptions>;
}

/** Running health workers. */
export interface HealthWorkers {
  /** Takes no more jobs and waits for the jobs in hand to finish. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * Runs queued health batch jobs with `parallelJobs` workers — jobs of every instance's cycles,
 * so all instances share the work, a big credential's batches included.
 */
export function startHealthWorkers(deps: CoreDeps, logger: Logger, options: HealthWorkersOptions = {}): HealthWorkers {
  const health = resolveHealthOptions(options.health);
  const limitTotal = limitConcurrency(health.totalConcurrency);
  let stopping = false;
  const working = (async () => {
    while (!stopping) {
      const failure = await workHealthJobs(deps, { parallel: health.parallelJobs, limitTotal, stopping: () => stopping });
      if (failure !== undefined) logger.warn({ err: failure }, "a health job failed; it was handed back for a retry");
      if (!stopping) await sleep(options.pollMs ?? 1_000);
    }
  })();
  return {
    async stop() {
      stopping = true;
      await working;
    },
  };
}
