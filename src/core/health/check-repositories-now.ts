import type { CoreDeps } from "../deps.ts";
import type { HealthCycle } from "./health-cycle.ts";
import type { HealthOptions } from "./health-options.ts";
import { runHealthCycle } from "./run-health-cycle.ts";

/**
 * Starts a check of exactly `repositoryIds` now (right after an import), through the health cycle's batched path — one
 * GraphQL query per ≤ 100 repositories of a credential — without the budget share and without touching the schedule's
 * resume point. The cycle runs on in `background` (this instance works its jobs until it is finished; others may help);
 * its progress is `healthCycleProgress(cycle.id)`.
 * @returns the opened cycle
 */
export function checkRepositoriesNow(
  deps: CoreDeps,
  repositoryIds: string[],
  health: Partial<HealthOptions>,
  background: (task: () => Promise<unknown>) => void,
): Promise<HealthCycle> {
  return new Promise<HealthCycle>((resolve, reject) => {
    background(() =>
      runHealthCycle(deps, {
        ...health,
        slot: `check-${deps.newId()}`,
        repositoryIds,
        budgetShare: 1,
        transportEvery: 1,
        keepResumePoint: false,
        wait: true,
        onOpened: resolve,
      }).catch((error: unknown) => {
        reject(error); // no effect once opened: the scheduler takes over an unfinished cycle
        throw error;
      }),
    );
  });
}
