import type { DayStatusView } from "../../../src/contract/views/repository-views.ts";

const labels: Record<string, string> = {
  connected: "connected",
  degraded: "degraded",
  failing: "failing",
  unchecked: "not checked",
};

/** A day's status in words; "no data" before anything was known. */
export function dayStatusLabel(status: DayStatusView["status"]): string {
  return status === null ? "no data" : (labels[status] ?? status);
}

/** How many days had each status, worst first: "2 days failing, 28 days connected". */
export function daySummary(days: DayStatusView[]): string {
  const order: DayStatusView["status"][] = ["failing", "degraded", "unchecked", "connected", null];
  const parts = order
    .map((status) => [status, days.filter((d) => d.status === status).length] as const)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} day${n === 1 ? "" : "s"} ${dayStatusLabel(status)}`);
  return parts.length > 0 ? parts.join(", ") : "no data";
}
