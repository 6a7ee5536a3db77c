import { useEffect, useState } from "react";
import { ApiError, errorMessage } from "../../api/api-error.ts";
import { repositoryApi } from "../../api/repository-api.ts";
import type { RepositoryView } from "../../api/types.ts";
import { ErrorAlert } from "../../components/error-alert.tsx";
import { RepositoryTable } from "../repositories/repository-table.tsx";

/** The dashboard's repository section: every repository with status, reason and last check. */
export function RepositoryHealth() {
  const [items, setItems] = useState<RepositoryView[]>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    repositoryApi
      .list()
      .then(setItems)
      .catch((e: unknown) =>
        setError(e instanceof ApiError && e.code === "ROUTE_NOT_FOUND" ? "This server does not offer repositories yet." : errorMessage(e)),
      );
  }, []);
  const counts = (items ?? []).reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
  return (
    <section aria-labelledby="repo-health">
      <h2 id="repo-health">Repositories</h2>
      <ErrorAlert message={error} />
      {items ? (
        <>
          <p className="summary">
            {items.length} registered · {counts.connected ?? 0} connected · {counts.degraded ?? 0} degraded · {counts.failing ?? 0} failing
            · {counts.unchecked ?? 0} not checked
          </p>
          <RepositoryTable items={items} caption="Repositories and their connection status" />
        </>
      ) : error ? null : (
        <p role="status">Loading repositories…</p>
      )}
    </section>
  );
}
