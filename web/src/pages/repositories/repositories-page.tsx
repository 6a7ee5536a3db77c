import { useCallback, useEffect, useRef, useState } from "react";
import { call } from "../../api/api-client.ts";
import { ApiError, errorMessage } from "../../api/api-error.ts";
import type { RepositoryCheckOutcome } from "../../api/repository-api.ts";
import type { RepositoryPageView } from "../../../../src/contract/views/repository-views.ts";
import { CredentialExpiryAlerts } from "../../components/credential-expiry-alert.tsx";
import { ErrorAlert } from "../../components/error-alert.tsx";
import { LiveStatus } from "../../components/live-status.tsx";
import { PageHeading } from "../../components/page-heading.tsx";
import { RepositoryCheckResult } from "../../components/repository-check-result.tsx";
import { useApiData } from "../../hooks/use-api-data.ts";
import { useSearch } from "../../router/use-search.ts";
import { BulkActionsBar } from "./bulk-actions-bar.tsx";
import { arrivedRepositoryPage, firstRepositoryPage } from "./early-repository-page.ts";
import { RegisterRepositoryForm } from "./register-repository-form.tsx";
import { RepositoryFilters } from "./repository-filters.tsx";
import { apiListQuery, listQuerySearch, readListQuery, type RepositoryListQuery } from "./repository-list-query.ts";
import { RepositoryTable } from "./repository-table.tsx";
import { useStatusHistory } from "./use-status-history.ts";

/** Registered repositories, 50 a page: searched, filtered and sorted by the server; bulk actions; the form to register another. */
export function RepositoriesPage() {
  const credentials = useApiData("GET /credentials");
  const hosts = useApiData("GET /hosts");
  const query = readListQuery(useSearch());
  const search = listQuerySearch(query);
  // Cursors of the pages before the one shown: Previous pops one.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState<RepositoryPageView | undefined>(() => arrivedRepositoryPage(search));
  // Shown from the first render: the first run of the list effect has nothing to ask.
  const shownAtOnce = useRef(page !== undefined);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [last, setLast] = useState<RepositoryCheckOutcome | null>(null);
  const [generation, setGeneration] = useState(0);
  const cursor = cursors.at(-1) ?? null;
  const history = useStatusHistory(page?.items);

  useEffect(() => {
    if (shownAtOnce.current) {
      shownAtOnce.current = false;
      return;
    }
    let live = true;
    const ask = () => call("GET /repositories", { query: apiListQuery(readListQuery(search), cursor) });
    (cursor === null && generation === 0 ? firstRepositoryPage(search, ask) : ask())
      .then((answer) => {
        if (!live) return;
        setPage(answer);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setError(e instanceof ApiError && e.code === "ROUTE_NOT_FOUND" ? "This server does not offer repositories yet." : errorMessage(e));
      });
    return () => {
      live = false;
    };
  }, [search, cursor, generation]);

  const changeQuery = useCallback((next: RepositoryListQuery) => {
    // The URL keeps the filters: a reload, a shared link or Back shows the same list.
    window.history.replaceState(null, "", `/repositories${listQuerySearch(next)}`);
    window.dispatchEvent(new PopStateEvent("popstate"));
    setCursors([null]);
    setSelected(new Set());
  }, []);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  const selection = {
    selected,
    toggle: (id: string) =>
      setSelected((s) => {
        const next = new Set(s);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    toggleAll: (ids: string[]) =>
      setSelected((s) => {
        const all = ids.every((id) => s.has(id));
        const next = new Set(s);
        for (const id of ids)
          if (all) next.delete(id);
          else next.add(id);
        return next;
      }),
  };
  const counts = page?.counts;
  const pageNumber = cursors.length;

  return (
    <>
      <PageHeading intro="Each repository is reached with one credential; its connection is checked step by step.">
        Repositories
      </PageHeading>
      <RepositoryFilters query={query} credentials={credentials.data?.items ?? []} hosts={hosts.data?.items ?? []} onChange={changeQuery} />
      <ErrorAlert message={error} />
      <CredentialExpiryAlerts credentials={credentials.data?.items ?? []} />
      {page ? (
        <>
          <p className="summary" role="status">
            {page.total} matching · {counts?.failing ?? 0} failing · {counts?.degraded ?? 0} degraded · {counts?.unchecked ?? 0} not checked
            · {counts?.connected ?? 0} connected
          </p>
          <BulkActionsBar
            selected={[...selected]}
            total={page.total}
            query={query}
            credentials={credentials.data?.items ?? []}
            onDone={reload}
          />
          {page.items.length === 0 && page.total === 0 && search ? (
            <p>No repository matches these filters.</p>
          ) : (
            <RepositoryTable items={page.items} caption="Registered repositories" selection={selection} history={history} />
          )}
          <nav className="pager" aria-label="Pages">
            <button type="button" className="button" disabled={pageNumber === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
              Previous
            </button>{" "}
            <span>
              Page {pageNumber} of {Math.max(1, Math.ceil(page.total / 50))}
            </span>{" "}
            <button
              type="button"
              className="button"
              disabled={!page.nextCursor}
              onClick={() => page.nextCursor && setCursors((c) => [...c, page.nextCursor])}
            >
              Next
            </button>
          </nav>
        </>
      ) : error ? null : (
        <p role="status">Loading repositories…</p>
      )}
      <section className="card" aria-labelledby="register">
        <h2 id="register">Register a repository</h2>
        {credentials.data?.items.length === 0 ? <p>Add a credential first (or use Connect GitHub).</p> : null}
        <RegisterRepositoryForm
          credentials={credentials.data?.items ?? []}
          hosts={hosts.data?.items ?? []}
          onRegistered={(o) => {
            setLast(o);
            reload();
          }}
        />
        <LiveStatus visuallyHidden>{last ? `${last.repository.name} registered: ${last.repository.status}.` : null}</LiveStatus>
        {last ? <RepositoryCheckResult outcome={last} /> : null}
      </section>
    </>
  );
}
