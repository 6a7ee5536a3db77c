import type { CoreDeps } from "../deps.ts";
import type { HealthCycleReport } from "./health-cycle.ts";
import { summarizeCycle } from "./summarize-cycle.ts";

/** The last finished cycles (newest first) and the progress of those still running. */
export interface HealthStatus {
  latest: HealthCycleReport | null;
  running: HealthCycleReport[];
  recent: HealthCycleReport[];
}

/** Reads the health cycles' reports from the shared database, so every instance shows the same. */
export async function healthStatus(deps: Pick<CoreDeps, "store">, limit = 10): Promise<HealthStatus> {
  const cycles = await deps.store.health.listCycles(limit + 20);
  const running: HealthCycleReport[] = [];
  for (const cycle of cycles.filter((c) => c.finishedAt === null))
    running.push(summarizeCycle(cycle, await deps.store.health.listBatches(cycle.id), null));
  const recent = cycles.flatMap((c) => (c.report ? [c.report] : [])).slice(0, limit);
  return { latest: recent[0] ?? null, running, recent };
}
