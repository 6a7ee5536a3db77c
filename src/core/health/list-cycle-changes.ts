import type { CoreDeps } from "../deps.ts";
import { NotFoundError } from "../errors.ts";
import { decodePageCursor, encodePageCursor } from "../notifications/page-cursor.ts";
import type { HealthCycleChange } from "./health-cycle.ts";

/** One page of the repositories a cycle changed (the full list behind a summary delivery). */
export interface CycleChangePage {
  cycleId: string;
  items: Omit<HealthCycleChange, "cycleId">[];
  /** Where the next page starts; null on the last page. */
  nextCursor: string | null;
}

/**
 * The repositories whose status a cycle changed, by name, `limit` at a time.
 * @throws NotFoundError `HEALTH_CYCLE_NOT_FOUND`; InputError `HEALTH_CYCLE_CURSOR_INVALID`
 */
export async function listCycleChanges(
  deps: Pick<CoreDeps, "store">,
  cycleId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<CycleChangePage> {
  const cycle = await deps.store.health.findCycle(cycleId);
  if (!cycle)
    throw new NotFoundError("HEALTH_CYCLE_NOT_FOUND", "No health cycle with this id (old cycles are pruned).", { field: "cycleId" });
  const after = page.cursor ? decodePageCursor(page.cursor, ["name"], "HEALTH_CYCLE_CURSOR_INVALID").name : null;
  const rows = await deps.store.health.listChanges(cycle.id, after, page.limit + 1);
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    cycleId: cycle.id,
    items: items.map(({ cycleId: _cycle, ...change }) => change),
    nextCursor: rows.length > page.limit && last ? encodePageCursor({ name: last.repositoryName }) : null,
  };
}
