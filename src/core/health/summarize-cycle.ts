import { noStatuses, type HealthBatch, type HealthCycle, type HealthCycleReport } from "./health-cycle.ts";

/** The report of a cycle from its batches, finished at `finishedAt` (null while running). */
export function summarizeCycle(cycle: HealthCycle, batches: HealthBatch[], finishedAt: string | null): HealthCycleReport {
  const byStatus = noStatuses();
  for (const b of batches) for (const status of ["connected", "degraded", "failing"] as const) byStatus[status] += b.byStatus[status];
  return {
    cycleId: cycle.id,
    startedAt: cycle.startedAt,
    finishedAt,
    credentialsChecked: new Set(batches.filter((b) => b.unitsUsed > 0 || b.repositoriesChecked > 0).map((b) => b.credentialId)).size,
    repositoriesChecked: batches.reduce((n, b) => n + b.repositoriesChecked, 0),
    byStatus,
    apiUnitsUsed: batches.reduce((n, b) => n + b.unitsUsed, 0),
    budgetExhausted: batches.some((b) => b.budgetExhausted),
    resumedFrom: cycle.resumedFrom,
    notCheckedUpstream: batches.reduce((n, b) => n + b.notChecked, 0),
  };
}
