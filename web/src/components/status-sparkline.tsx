import type { DayStatusView } from "../../../src/contract/views/repository-views.ts";
import { daySummary, dayStatusLabel } from "./day-status.ts";

const BAR = 3;
const GAP = 1;
const HEIGHT = 16;

/** The last 30 days in a row of small bars (a day's worst status); the label says the same in words. */
export function StatusSparkline({ days }: { days: DayStatusView[] }) {
  return (
    <svg
      className="sparkline"
      role="img"
      aria-label={`Last ${days.length} days: ${daySummary(days)}`}
      width={days.length * (BAR + GAP)}
      height={HEIGHT}
      viewBox={`0 0 ${days.length * (BAR + GAP)} ${HEIGHT}`}
    >
      {days.map((d, i) => {
        const height = barHeight(d.status, HEIGHT);
        return (
          <rect key={d.date} className={`day-${d.status ?? "unknown"}`} x={i * (BAR + GAP)} y={HEIGHT - height} width={BAR} height={height}>
            <title>{`${d.date}: ${dayStatusLabel(d.status)}`}</title>
          </rect>
        );
      })}
    </svg>
  );
}

/** Height as well as colour tells statuses apart: full when connected, lower the worse it was; a sliver when unknown. */
export function barHeight(status: DayStatusView["status"], full: number): number {
  if (status === null) return Math.max(2, full / 8);
  return { connected: full, unchecked: full / 2, degraded: (full * 2) / 3, failing: full / 3 }[status];
}
