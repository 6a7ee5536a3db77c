import type { DayStatusView } from "../../../../src/contract/views/repository-views.ts";
import { daySummary, dayStatusLabel } from "../../components/day-status.ts";
import { barHeight } from "../../components/status-sparkline.tsx";
import { formatDay } from "../../format.ts";

const COLUMN = 14;
const GAP = 4;
const HEIGHT = 72;
const legend: DayStatusView["status"][] = ["connected", "degraded", "failing", null];

/** A repository's last 30 days as a chart, with the same facts as a table for screen readers and anyone who asks. */
export function StatusChart({ days }: { days: DayStatusView[] }) {
  const width = days.length * (COLUMN + GAP);
  return (
    <section aria-labelledby="status-over-time">
      <h2 id="status-over-time">Health over the last {days.length} days</h2>
      <figure className="status-chart">
        <svg
          role="img"
          aria-labelledby="status-chart-summary"
          viewBox={`0 0 ${width} ${HEIGHT + 2}`}
          width="100%"
          preserveAspectRatio="none"
        >
          {days.map((d, i) => {
            const height = barHeight(d.status, HEIGHT);
            return (
              <rect
                key={d.date}
                className={`day-${d.status ?? "unknown"}`}
                x={i * (COLUMN + GAP)}
                y={HEIGHT - height}
                width={COLUMN}
                height={height}
              >
                <title>{`${formatDay(d.date)}: ${dayStatusLabel(d.status)}`}</title>
              </rect>
            );
          })}
        </svg>
        <figcaption id="status-chart-summary">
          {formatDay(days[0]?.date)} to {formatDay(days.at(-1)?.date)}: {daySummary(days)}. Each day shows its worst status.
        </figcaption>
        <ul className="chart-legend" aria-hidden="true">
          {legend.map((status) => (
            <li key={status ?? "unknown"}>
              <svg width="10" height="10" viewBox="0 0 10 10">
                <rect className={`day-${status ?? "unknown"}`} width="10" height="10" />
              </svg>{" "}
              {dayStatusLabel(status)}
            </li>
          ))}
        </ul>
      </figure>
      <details>
        <summary>Show day by day as a table</summary>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Status each day, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Worst status</th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.date}>
                  <td>{formatDay(d.date)}</td>
                  <td>{dayStatusLabel(d.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
