import { noStatuses, type HealthCycle, type HealthCycleReport, type HealthWork } from "./health-cycle.ts";

/** The report of a cycle from its work items, finished at `finishedAt` (null while running). */
export function summarizeCycle(cycle: HealthCycle, work: HealthWork[], finishedAt: string | null): HealthCycleReport {
  const byStatus = noStatuses();
  for (const w of work) for (const status of ["connected", "degraded", "failing"] as const) byStatus[status] += w.byStatus[status];
  return {
    cycleId: cycle.id,
    startedAt: cycle.startedAt,
    finishedAt,
    credentialsChecked: work.filter((w) => w.unitsUsed > 0 || w.repositoriesChecked > 0).length,
    repositoriesChecked: work.reduce((n, w) => n + w.repositoriesChecked, 0),
    byStatus,
    apiUnitsUsed: work.reduce((n, w) => n + w.unitsUsed, 0),
    budgetExhausted: work.some((w) => w.budgetExhausted),
    resumedFrom: cycle.resumedFrom,
    notCheckedUpstream: work.reduce((n, w) => n + w.notChecked, 0),
  };
}
