import type { ConnectionStatus } from "./repository.ts";

/** How many days a status history covers (the chart on a repository's page and the sparkline in lists). */
export const HISTORY_DAYS = 30;

/** A repository's status as a stored check recorded it, at that time. */
export interface StatusPoint {
  repositoryId: string;
  at: string;
  status: ConnectionStatus;
}

/** One UTC day of a status history: the worst status the repository had that day; null when nothing is known yet. */
export interface DayStatus {
  date: string;
  status: ConnectionStatus | null;
}

// Worst first, so a day that was failing for an hour shows as failing.
const severity: Record<ConnectionStatus, number> = { failing: 3, degraded: 2, unchecked: 1, connected: 0 };

const DAY_MS = 86_400_000;

function worse(a: ConnectionStatus | null, b: ConnectionStatus): ConnectionStatus {
  return a === null || severity[b] > severity[a] ? b : a;
}

/** The first instant of the oldest day a history of `days` days ending today (UTC) covers. */
export function historyStart(now: Date, days = HISTORY_DAYS): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - (days - 1) * DAY_MS);
}

/**
 * Day by day, oldest first, from one repository's status changes (in any order; the last one before the window gives
 * the status the window starts with). A status holds from its check until the next one.
 */
export function dailyStatuses(points: readonly StatusPoint[], now: Date, days = HISTORY_DAYS): DayStatus[] {
  const sorted = [...points].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const start = historyStart(now, days).getTime();
  const result: DayStatus[] = [];
  let next = 0;
  let holding: ConnectionStatus | null = null;
  for (let day = 0; day < days; day++) {
    const dayStart = start + day * DAY_MS;
    const dayEnd = dayStart + DAY_MS;
    while (next < sorted.length && Date.parse(sorted[next]!.at) < dayStart) holding = sorted[next++]!.status;
    let status = holding;
    while (next < sorted.length && Date.parse(sorted[next]!.at) < dayEnd) {
      holding = sorted[next++]!.status;
      status = worse(status, holding);
    }
    result.push({ date: new Date(dayStart).toISOString().slice(0, 10), status: dayStart > now.getTime() ? null : status });
  }
  return result;
}

/** Each repository's days, from the points of many (one query's rows); a repository without points has unknown days. */
export function dailyStatusesById(ids: readonly string[], points: readonly StatusPoint[], now: Date): Map<string, DayStatus[]> {
  const byId = new Map<string, StatusPoint[]>(ids.map((id) => [id, []]));
  for (const p of points) byId.get(p.repositoryId)?.push(p);
  return new Map([...byId].map(([id, list]) => [id, dailyStatuses(list, now)]));
}
