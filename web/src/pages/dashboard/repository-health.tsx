import { useApiData } from "../../hooks/use-api-data.ts";
import { ErrorAlert } from "../../components/error-alert.tsx";
import { Link } from "../../router/link.tsx";
import { RepositoryTable } from "../repositories/repository-table.tsx";

const EXPIRING = "TOKEN_EXPIRING";

/** The dashboard's repository section: counts by status, and only the repositories with problems (the first 10). */
export function RepositoryHealth() {
  const counts = useApiData("GET /repositories", { query: { limit: 1 } });
  // An expiring credential's repositories are one alert (Credentials expiring soon), not a row each.
  const problems = useApiData("GET /repositories", {
    query: { status: "failing,degraded", reason: `-${EXPIRING}`, sort: "status", limit: 10, history: "true" },
  });
  const c = counts.data?.counts;
  const problemTotal = problems.data?.total ?? 0;
  return (
    <section aria-labelledby="repo-health">
      <h2 id="repo-health">Repositories</h2>
      <ErrorAlert message={counts.error ?? problems.error} />
      {c ? (
        <p className="summary">
          <Link to="/repositories">{counts.data?.total ?? 0} registered</Link> · {c.connected} connected ·{" "}
          <Link to="/repositories?status=degraded">{c.degraded} degraded</Link> ·{" "}
          <Link to="/repositories?status=failing">{c.failing} failing</Link> ·{" "}
          <Link to="/repositories?status=unchecked">{c.unchecked} not checked</Link>
        </p>
      ) : counts.error ? null : (
        <p role="status">Loading repositories…</p>
      )}
      {problems.data && problemTotal > 0 ? (
        <>
          <RepositoryTable items={problems.data.items} caption="Repositories with problems" />
          {problemTotal > problems.data.items.length ? (
            <p>
              <Link to={`/repositories?status=failing%2Cdegraded&sort=status&reason=-${EXPIRING}`}>
                All {problemTotal} other repositories with problems
              </Link>
            </p>
          ) : null}
        </>
      ) : problems.data ? (
        <p>No repository has a problem other than an expiring credential.</p>
      ) : null}
    </section>
  );
}
