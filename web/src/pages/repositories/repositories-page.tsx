import { useCallback, useEffect, useState } from "react";
import { ApiError, errorMessage } from "../../api/api-error.ts";
import { repositoryApi, type RepositoryCheckOutcome } from "../../api/repository-api.ts";
import type { RepositoryView } from "../../api/types.ts";
import { ErrorAlert } from "../../components/error-alert.tsx";
import { LiveStatus } from "../../components/live-status.tsx";
import { PageHeading } from "../../components/page-heading.tsx";
import { RepositoryCheckResult } from "../../components/repository-check-result.tsx";
import { useApiData } from "../../hooks/use-api-data.ts";
import { RegisterRepositoryForm } from "./register-repository-form.tsx";
import { RepositoryTable } from "./repository-table.tsx";

/** Registered repositories, and the form to register another. */
export function RepositoriesPage() {
  const credentials = useApiData("GET /credentials");
  const [items, setItems] = useState<RepositoryView[]>();
  const [error, setError] = useState<string | null>(null);
  const [last, setLast] = useState<RepositoryCheckOutcome | null>(null);

  const load = useCallback(() => {
    repositoryApi
      .list()
      .then((list) => {
        setItems(list);
        setError(null);
      })
      .catch((e: unknown) =>
        setError(e instanceof ApiError && e.code === "ROUTE_NOT_FOUND" ? "This server does not offer repositories yet." : errorMessage(e)),
      );
  }, []);
  useEffect(load, [load]);

  return (
    <>
      <PageHeading intro="Each repository is reached with one credential; its connection is checked step by step.">
        Repositories
      </PageHeading>
      <ErrorAlert message={error} />
      {items ? (
        <RepositoryTable items={items} caption="Registered repositories" />
      ) : error ? null : (
        <p role="status">Loading repositories…</p>
      )}
      <section className="card" aria-labelledby="register">
        <h2 id="register">Register a repository</h2>
        {credentials.data?.items.length === 0 ? <p>Add a credential first (or use Connect GitHub).</p> : null}
        <RegisterRepositoryForm
          credentials={credentials.data?.items ?? []}
          onRegistered={(o) => {
            setLast(o);
            load();
          }}
        />
        <LiveStatus visuallyHidden>{last ? `${last.repository.name} registered: ${last.repository.status}.` : null}</LiveStatus>
        {last ? <RepositoryCheckResult outcome={last} /> : null}
      </section>
    </>
  );
}
