import type { RepositoryView } from "../../api/types.ts";
import { StatusBadge } from "../../components/status-badge.tsx";
import { formatDateTime } from "../../format.ts";
import { Link } from "../../router/link.tsx";

/** Repositories with status, reason and last check; each name links to its page. */
export function RepositoryTable({ items, caption }: { items: RepositoryView[]; caption: string }) {
  if (items.length === 0) {
    return (
      <p>
        No repositories yet. <Link to="/connect">Connect GitHub</Link> or <Link to="/repositories">register one</Link>.
      </p>
    );
  }
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Repository</th>
            <th scope="col">Status</th>
            <th scope="col">Reason</th>
            <th scope="col">Last checked</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <Link to={`/repositories/${encodeURIComponent(r.id)}`}>{r.name}</Link>
                <div className="sub">{r.url}</div>
              </th>
              <td>
                <StatusBadge status={r.status} />
              </td>
              <td>
                {r.reasonCode ? <code>{r.reasonCode}</code> : null} {r.message ?? (r.status === "connected" ? "All checks passed." : "")}
              </td>
              <td>{formatDateTime(r.lastCheckedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
