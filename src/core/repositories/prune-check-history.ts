import type { CoreDeps } from "../deps.ts";
import { HISTORY_DAYS, historyStart } from "./daily-statuses.ts";

/**
 * How long stored checks are kept: the 30-day chart plus a few days' slack. Health cycles store a check only when a
 * status changes, so a steady repository keeps one row; pruning bounds the rest (the newest older row stays, as the
 * status each chart starts with).
 */
export const CHECK_RETENTION_DAYS = HISTORY_DAYS + 5;

/** Deletes checks older than the retention; run once per finished health cycle. @returns how many */
export async function pruneCheckHistory(deps: Pick<CoreDeps, "store" | "now">): Promise<number> {
  return deps.store.repositories.pruneChecks(historyStart(deps.now(), CHECK_RETENTION_DAYS).toISOString());
}
