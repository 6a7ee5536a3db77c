import type { Logger } from "pino";
import type { CoreDeps } from "../../core/deps.ts";
import { cycleOptionsOf, resolveHealthOptions, type HealthOptions } from "../../core/health/health-options.ts";
import { openHealthCycle } from "../../core/health/open-health-cycle.ts";
import { startHealthWorkers } from "./start-health-workers.ts";
import { scheduleSlot } from "./schedule-slot.ts";

/** Options of `startHealthScheduler`. */
export interface HealthSchedulerOptions {
  intervalSeconds: number;
  /** How often to open the due cycle and re-queue unfinished cycles' pending batches (15 s by default). */
  pollMs?: number;
  /** How often idle workers look for queued jobs (1 s by default). */
  workPollMs?: number;
  health?: Partial<HealthOptions>;
}

/** What `startHealthScheduler` returns. */
export interface HealthScheduler {
  /** Opens no more cycles and takes no more jobs; waits for the jobs in hand (see `serve` for the deadline). */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * Opens the health cycle of each wall-clock slot (`intervalSeconds` long, aligned to the epoch
 * so every instance agrees on it; its key carries the interval, `scheduleSlot`), re-queues the
 * pending batches of unfinished cycles (a cycle whose opener died), and runs queued batch jobs
 * (`startHealthWorkers`).
 */
export function startHealthScheduler(deps: CoreDeps, logger: Logger, options: HealthSchedulerOptions): HealthScheduler {
  const health = resolveHealthOptions(options.health);
  let stopping = false;
  const watching = new Set<string>();

  const openDue = async (): Promise<void> => {
    const { key: slot, ordinal } = scheduleSlot(deps.now(), options.intervalSeconds);
    for (const id of watching) {
      const report = (await deps.store.health.findCycle(id))?.report;
      if (!report) continue;
      watching.delete(id);
      logger.info(
        { health: report },
        report.budgetExhausted ? "health cycle stopped at its rate budget; the next one resumes there" : "health cycle finished",
      );
    }
    for (const cycle of await deps.store.health.listCycles(5, true)) {
      if (cycle.slot !== slot && cycle.options) {
        await openHealthCycle(deps, { slot: cycle.slot, batchSize: health.batchSize, options: cycle.options });
      }
    }
    const cycle = await openHealthCycle(deps, {
      slot,
      batchSize: health.batchSize,
      options: cycleOptionsOf(health, { transportTurn: ordinal }),
    });
    if (cycle.finishedAt === null) watching.add(cycle.id);
  };

  const opening = (async () => {
    while (!stopping) {
      await openDue().catch((error: unknown) => logger.error({ err: error }, "could not open the health cycle"));
      await sleep(options.pollMs ?? 15_000);
    }
  })();
  const workers = startHealthWorkers(deps, logger, { ...(options.workPollMs ? { pollMs: options.workPollMs } : {}), health });
  return {
    async stop() {
      stopping = true;
      await workers.stop();
      void opening;
    },
  };
}
