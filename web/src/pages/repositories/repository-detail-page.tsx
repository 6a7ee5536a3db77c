import { useCallback, useEffect, useState } from "react";
import { errorMessage } from "../../api/api-error.ts";
import { repositoryApi, type RepositoryCheckOutcome } from "../../api/repository-api.ts";
import type { RepositoryView } from "../../api/types.ts";
import { ErrorAlert } from "../../components/error-alert.tsx";
import { LiveStatus } from "../../components/live-status.tsx";
import { PageHeading } from "../../components/page-heading.tsx";
import { RepositoryCheckResult } from "../../components/repository-check-result.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { navigate } from "../../router/navigate.ts";
import { RepositoryBranches } from "./repository-branches.tsx";
import { RepositoryHistory } from "./repository-history.tsx";
import { StatusChart } from "./status-chart.tsx";

/** One repository: its last check report, a "check now" button, branches and check history. */
export function RepositoryDetailPage({ id }: { id: string }) {
  const [repository, setRepository] = useState<RepositoryView>();
  const [outcome, setOutcome] = useState<RepositoryCheckOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    repositoryApi.get(id).then(setRepository, (e: unknown) => setError(errorMessage(e)));
  }, [id, generation]);

  // "Check now" and "Follow the move" both answer the repository and the check they ran.
  const runCheck = useCallback(
    async (action: (id: string) => Promise<RepositoryCheckOutcome>) => {
      setBusy(true);
      setError(null);
      try {
        const result = await action(id);
        setOutcome(result);
        setRepository(result.repository);
        setGeneration((g) => g + 1);
      } catch (e) {
        setError(errorMessage(e));
      } finally {
        setBusy(false);
      }
    },
    [id],
  );

  const remove = async () => {
    if (!repository || !window.confirm(`Remove ${repository.name} from Repolink? Nothing changes on GitHub.`)) return;
    try {
      await repositoryApi.remove(id);
      navigate("/repositories");
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <>
      <PageHeading>{repository ? repository.name : "Repository"}</PageHeading>
      <ErrorAlert message={error} />
      {repository ? (
        <>
          <dl className="facts">
            <dt>URL</dt>
            <dd>
              <code>{repository.url}</code>
            </dd>
            <dt>Credential</dt>
            <dd>{repository.credential ?? "None (deleted)"}</dd>
            <dt>Access needed</dt>
            <dd>{repository.needs}</dd>
            <dt>Default branch</dt>
            <dd>
              {repository.defaultBranch ?? "—"}
              {repository.hostDefaultBranch !== null && repository.hostDefaultBranch !== repository.defaultBranch
                ? ` (the host's default is now ${repository.hostDefaultBranch})`
                : null}
            </dd>
            <dt>Last checked</dt>
            <dd>
              <RelativeTime iso={repository.lastCheckedAt} none="Never" />
            </dd>
          </dl>
          {repository.movedTo ? (
            <section aria-labelledby="moved" className="notice">
              <h2 id="moved">Moved on GitHub</h2>
              <p>
                GitHub now calls this repository <strong>{repository.movedTo.path}</strong> (<code>{repository.movedTo.url}</code>).
                Following the move updates its name and URL here; its history is kept.
              </p>
              <button type="button" className="primary" onClick={() => void runCheck(repositoryApi.followMove)} disabled={busy}>
                Follow the move to {repository.movedTo.path}
              </button>
            </section>
          ) : null}
          <div className="actions">
            <button type="button" className="primary" onClick={() => void runCheck(repositoryApi.validate)} disabled={busy}>
              {busy ? "Checking…" : "Check connection now"}
            </button>
            <button type="button" className="danger" onClick={() => void remove()}>
              Remove repository
            </button>
          </div>
          <LiveStatus visuallyHidden>{outcome ? `Check finished: ${outcome.repository.status}.` : null}</LiveStatus>
          <section aria-labelledby="report">
            <h2 id="report">Connection report</h2>
            <RepositoryCheckResult outcome={outcome ?? { repository, check: null }} />
          </section>
          {repository.statusByDay ? <StatusChart days={repository.statusByDay} /> : null}
          <RepositoryBranches id={id} key={`b${generation}`} />
          <RepositoryHistory id={id} key={`h${generation}`} />
        </>
      ) : error ? null : (
        <p role="status">Loading…</p>
      )}
    </>
  );
}
