import type { Logger } from "pino";
import type { CoreDeps } from "../../core/deps.ts";
import type { HealthOptions } from "../../core/health/health-options.ts";
import { runHealthCycle } from "../../core/health/run-health-cycle.ts";
import { scheduleSlot } from "./schedule-slot.ts";

/** Options of `startHealthScheduler`. */
export interface HealthSchedulerOptions {
  intervalSeconds: number;
  /** How often to look for due cycles and for work a dead instance left (15 s by default). */
  pollMs?: number;
  health?: Partial<HealthOptions>;
}

/**
 * Runs the health cycle of each wall-clock slot (`intervalSeconds` long, aligned to the
 * epoch so every instance agrees on it; its key carries the interval, `scheduleSlot`) and joins unfinished cycles, taking over work whose
 * lease expired. Runs never overlap in one process; the timer does not keep it alive.
 * @returns stop(), which waits for a running cycle to end
 */
export function startHealthScheduler(deps: CoreDeps, logger: Logger, options: HealthSchedulerOptions): { stop(): Promise<void> } {
  const owner = deps.newId();
  let running: Promise<void> | null = null;
  let doneSlot: string | null = null;

  const tick = async (): Promise<void> => {
    const { key: slot, ordinal } = scheduleSlot(deps.now(), options.intervalSeconds);
    for (const cycle of await deps.store.health.listCycles(5, true)) {
      if (cycle.slot === slot) continue;
      const report = await runHealthCycle(deps, { ...options.health, slot: cycle.slot, owner });
      if (report.finishedAt) logger.info({ health: report }, "health cycle finished (taken over)");
    }
    if (doneSlot === slot) return;
    const report = await runHealthCycle(deps, { ...options.health, slot, owner, transportTurn: ordinal });
    if (report.finishedAt !== null) {
      doneSlot = slot;
      logger.info(
        { health: report },
        report.budgetExhausted ? "health cycle stopped at its rate budget; the next one resumes there" : "health cycle finished",
      );
    }
  };

  const timer = setInterval(() => {
    if (running) return;
    running = tick()
      .catch((error: unknown) => logger.error({ err: error }, "health cycle failed"))
      .finally(() => {
        running = null;
      });
  }, options.pollMs ?? 15_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
