import type { CoreDeps } from "../deps.ts";
import { NotFoundError } from "../errors.ts";
import type { HealthCycleReport, StatusCounts } from "./health-cycle.ts";
import { summarizeCycle } from "./summarize-cycle.ts";

/** A repository a running (or finished) cycle found failing, with what to do about it. */
export interface CycleFailure {
  name: string;
  reasonCode: string | null;
  message: string | null;
  remedy: string | null;
}

/** How far a cycle has come: repositories checked of all it covers, the failures so far, and its report once done. */
export interface HealthCycleProgress {
  cycleId: string;
  startedAt: string;
  /** Repositories the cycle covers. */
  total: number;
  /** Repositories checked so far (a batch's results land together, ≤ 100 at a time). */
  checked: number;
  byStatus: StatusCounts;
  /** The first `SHOWN_FAILURES` repositories found failing in this cycle, by name. */
  failures: CycleFailure[];
  done: boolean;
  /** Null until done. */
  report: HealthCycleReport | null;
}

const SHOWN_FAILURES = 100;
const FAILING_PAGE = 1000;

/**
 * Reads a cycle's progress from the shared database (every instance answers the same): counts from its batches, the
 * failures from one page of failing repositories checked since it started — no query per repository.
 * @throws NotFoundError `HEALTH_CYCLE_NOT_FOUND` (unknown, or pruned long after it finished)
 */
export async function healthCycleProgress(deps: Pick<CoreDeps, "store">, cycleId: string): Promise<HealthCycleProgress> {
  const cycle = await deps.store.health.findCycle(cycleId);
  if (!cycle) throw new NotFoundError("HEALTH_CYCLE_NOT_FOUND", `No health cycle ${cycleId}; it may have been pruned.`);
  const batches = await deps.store.health.listBatches(cycle.id);
  const summary = cycle.report ?? summarizeCycle(cycle, batches, null);
  const covered = new Set(batches.flatMap((b) => b.repositoryIds));
  const failing = await deps.store.repositories.listPage({ filter: { statuses: ["failing"] }, sort: "name", limit: FAILING_PAGE });
  const failures = failing
    .filter((r) => covered.has(r.id) && r.lastCheckedAt !== null && r.lastCheckedAt >= cycle.startedAt)
    .slice(0, SHOWN_FAILURES)
    .map((r) => ({ name: r.name, reasonCode: r.reasonCode, message: r.message, remedy: r.remedy }));
  return {
    cycleId: cycle.id,
    startedAt: cycle.startedAt,
    total: covered.size,
    checked: summary.repositoriesChecked,
    byStatus: summary.byStatus,
    failures,
    done: cycle.report !== null,
    report: cycle.report,
  };
}
