import type { CoreDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import type { Limiter } from "./limit-concurrency.ts";
import { runHealthBatch } from "./run-health-batch.ts";

/** How `workHealthJobs` runs: how many jobs at once, the instance's request limiter, and when to stop taking jobs. */
export interface WorkHealthJobs {
  parallel: number;
  limitTotal: Limiter;
  /** Checked before each job is taken; true stops the loop once the jobs in hand are settled. */
  stopping?: () => boolean;
}

/**
 * Takes health jobs from the queue and runs them, `parallel` at once, until none is waiting
 * (jobs of any cycle: an instance helps with whatever is queued). A job whose batch another
 * run recorded first is complete; a job that fails is handed back for any instance to retry,
 * and the loop that ran it stops (a failing store is not hammered).
 * @returns the first failure, if any
 */
export async function workHealthJobs(deps: CoreDeps, work: WorkHealthJobs): Promise<unknown> {
  let failure: unknown;
  await Promise.all(
    Array.from({ length: work.parallel }, async () => {
      while (!work.stopping?.()) {
        const job = await deps.healthJobs.take().catch((error: unknown) => {
          failure ??= error;
          return undefined;
        });
        if (!job) return;
        try {
          await runHealthBatch(deps, job.batch, work.limitTotal);
          await job.complete();
        } catch (error) {
          if (error instanceof AppError && error.code === "HEALTH_BATCH_RECORDED") {
            await job.complete().catch(() => undefined);
            continue;
          }
          failure ??= error;
          // When even handing back fails (the store is away), the job's expiry hands it back.
          await job.fail(error).catch(() => undefined);
          return;
        }
      }
    }),
  );
  return failure;
}
