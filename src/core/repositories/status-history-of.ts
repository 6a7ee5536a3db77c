import type { CoreDeps } from "../deps.ts";
import { type DayStatus, dailyStatusesById, historyStart } from "./daily-statuses.ts";
import type { Repository } from "./repository.ts";

/** The last 30 days of each repository, from one store query for all of them (a page of 50 is one query, not 50). */
export async function statusHistoryOf(
  deps: Pick<CoreDeps, "store" | "now">,
  repositories: readonly Pick<Repository, "id">[],
): Promise<Map<string, DayStatus[]>> {
  const now = deps.now();
  const ids = repositories.map((r) => r.id);
  const points = ids.length === 0 ? [] : await deps.store.repositories.listStatusPoints(ids, historyStart(now).toISOString());
  return dailyStatusesById(ids, points, now);
}
