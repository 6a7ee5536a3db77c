import type { CoreDeps } from "../deps.ts";
import type { HealthCycle } from "../health/health-cycle.ts";
import { notify } from "./notify.ts";

/** Repositories listed in a summary's body; the rest are counted and reachable through `changesPath`. */
export const summaryItemLimit = 50;

/** The API path listing every repository a cycle changed (paged). */
export const cycleChangesPath = (cycleId: string): string => `/api/v1/health/cycles/${encodeURIComponent(cycleId)}/changes`;

/** The key that makes a cycle's summary unique per webhook. */
export const cycleSummaryKey = (cycleId: string): string => `cycle:${cycleId}`;

/**
 * Queues one `connection.status_changed` delivery per subscribed webhook summarising every repository the
 * finished cycle changed — at most `summaryItemLimit` listed, all counted — or nothing when none changed.
 * Keyed by cycle, so calling it again (a retried job, another instance) queues nothing new.
 * @returns how many deliveries were queued
 */
export async function queueCycleSummary(
  deps: Pick<CoreDeps, "store" | "now" | "newId">,
  cycle: Pick<HealthCycle, "id" | "startedAt">,
  finishedAt: string,
): Promise<number> {
  const byStatus = await deps.store.health.countChanges(cycle.id);
  const changed = Object.values(byStatus).reduce((n, c) => n + c, 0);
  if (changed === 0) return 0;
  const listed = await deps.store.health.listChanges(cycle.id, null, summaryItemLimit);
  const payload = {
    cycle: { id: cycle.id, startedAt: cycle.startedAt, finishedAt },
    changed,
    byStatus,
    repositories: listed.map((c) => ({
      id: c.repositoryId,
      name: c.repositoryName,
      from: c.fromStatus,
      to: c.toStatus,
      reasonCode: c.reasonCode,
      checkedAt: c.checkedAt,
    })),
    truncated: changed > listed.length,
    changesPath: cycleChangesPath(cycle.id),
  };
  return (await notify(deps, "connection.status_changed", payload, cycleSummaryKey(cycle.id))).length;
}
