import type { DayStatusView } from "../../../src/contract/views/repository-views.ts";
import { daySummary } from "./day-status.ts";

const BAR = 3;
const GAP = 1;
const HEIGHT = 16;
const kinds = ["connected", "degraded", "failing", "unchecked", null] as const;

/**
 * The last 30 days in a row of small bars (a day's worst status); the label says the same in words. One path per
 * status, not a node per day: a page of 50 rows stays a few hundred nodes.
 */
export function StatusSparkline({ days }: { days: DayStatusView[] }) {
  const width = days.length * (BAR + GAP);
  return (
    <svg
      className="sparkline"
      role="img"
      aria-label={`Last ${days.length} days: ${daySummary(days)}`}
      width={width}
      height={HEIGHT}
      viewBox={`0 0 ${width} ${HEIGHT}`}
    >
      {kinds.map((kind) => {
        const bars = days.map((d, i) => (d.status === kind ? bar(i * (BAR + GAP), barHeight(kind, HEIGHT)) : "")).join("");
        return bars ? <path key={kind ?? "unknown"} className={`day-${kind ?? "unknown"}`} d={bars} /> : null;
      })}
    </svg>
  );
}

function bar(x: number, height: number): string {
  return `M${x} ${HEIGHT - height}h${BAR}v${height}h-${BAR}z`;
}

/** Height as well as colour tells statuses apart: full when connected, lower the worse it was; a sliver when unknown. */
export function barHeight(status: DayStatusView["status"], full: number): number {
  if (status === null) return Math.max(2, full / 8);
  return { connected: full, unchecked: full / 2, degraded: (full * 2) / 3, failing: full / 3 }[status];
}
