import type { RepositoryView } from "../../api/types.ts";
import type { DayStatusView } from "../../../../src/contract/views/repository-views.ts";
import { StatusBadge } from "../../components/status-badge.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { StatusSparkline } from "../../components/status-sparkline.tsx";
import { Link } from "../../router/link.tsx";

/** Which rows are ticked, and how to tick them; without it the table has no checkboxes. */
export interface RowSelection {
  selected: ReadonlySet<string>;
  toggle(id: string): void;
  toggleAll(ids: string[]): void;
}

/** Repositories with status, reason and last check; each name links to its page; a sparkline when its days are known. */
export function RepositoryTable({
  items,
  caption,
  selection,
  history,
}: {
  items: RepositoryView[];
  caption: string;
  selection?: RowSelection;
  /** Days loaded after the rows, by repository id (a row's own `statusByDay` comes first). */
  history?: ReadonlyMap<string, DayStatusView[]>;
}) {
  if (items.length === 0) {
    return (
      <p>
        No repositories yet. <Link to="/connect">Connect GitHub</Link> or <Link to="/repositories">register one</Link>.
      </p>
    );
  }
  const ids = items.map((r) => r.id);
  const allTicked = selection !== undefined && ids.every((id) => selection.selected.has(id));
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {selection ? (
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label="Select every repository on this page"
                  checked={allTicked}
                  onChange={() => selection.toggleAll(ids)}
                />
              </th>
            ) : null}
            <th scope="col">Repository</th>
            <th scope="col">Status</th>
            <th scope="col">Reason</th>
            <th scope="col">Last checked</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id}>
              {selection ? (
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${r.name}`}
                    checked={selection.selected.has(r.id)}
                    onChange={() => selection.toggle(r.id)}
                  />
                </td>
              ) : null}
              <th scope="row">
                <Link to={`/repositories/${encodeURIComponent(r.id)}`}>{r.name}</Link>
                <div className="sub">{r.url}</div>
              </th>
              <td>
                <StatusBadge status={r.status} />
                <RowSparkline days={r.statusByDay ?? history?.get(r.id)} pending={history !== undefined} />
              </td>
              <td>
                {r.reasonCode ? <code>{r.reasonCode}</code> : null} {r.message ?? (r.status === "connected" ? "All checks passed." : "")}
              </td>
              <td>
                <RelativeTime iso={r.lastCheckedAt} none="Never" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The row's sparkline; while its days are on the way, an empty box of its size, so the rows do not move when it comes. */
function RowSparkline({ days, pending }: { days: DayStatusView[] | undefined; pending: boolean }) {
  if (days) return <StatusSparkline days={days} />;
  return pending ? <span className="sparkline sparkline-pending" aria-hidden="true" /> : null;
}
