import { useEffect, useState } from "react";
import { errorMessage } from "../../api/api-error.ts";
import { repositoryApi } from "../../api/repository-api.ts";
import type { RepositoryCheckView } from "../../api/types.ts";
import { StatusBadge } from "../../components/status-badge.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";

/** Earlier connection checks, newest first. */
export function RepositoryHistory({ id }: { id: string }) {
  const [items, setItems] = useState<RepositoryCheckView[]>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    repositoryApi.history(id).then(setItems, (e: unknown) => setError(errorMessage(e)));
  }, [id]);
  return (
    <section aria-labelledby="history">
      <h2 id="history">Check history</h2>
      {error ? <p>History is not available: {error}</p> : null}
      {items && items.length === 0 ? <p>No checks yet.</p> : null}
      {items && items.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Connection check history</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Status</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c, index) => (
                <tr key={c.id ?? index}>
                  <td>
                    <RelativeTime iso={c.at} />
                  </td>
                  <td>
                    <StatusBadge status={c.status} />
                  </td>
                  <td>{c.reasonCode ? <code>{c.reasonCode}</code> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
