import { useEffect, useState } from "react";
import { errorMessage } from "../../api/api-error.ts";
import { call } from "../../api/api-client.ts";
import type { CredentialView } from "../../api/types.ts";
import { ErrorAlert } from "../../components/error-alert.tsx";
import { LiveStatus } from "../../components/live-status.tsx";
import { useCycleProgress } from "../../hooks/use-cycle-progress.ts";
import type { RepositoryListQuery } from "./repository-list-query.ts";

type Action = "recheck" | "set-credential" | "remove";

/** Re-check, switch credential or remove: the ticked repositories, or every one the filters cover. Its result shows beside it. */
export function BulkActionsBar({
  selected,
  total,
  query,
  credentials,
  onDone,
}: {
  selected: string[];
  total: number;
  query: RepositoryListQuery;
  credentials: CredentialView[];
  onDone(): void;
}) {
  const [action, setAction] = useState<Action>("recheck");
  const [credential, setCredential] = useState("");
  const [scope, setScope] = useState<"selected" | "filter">("selected");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [check, setCheck] = useState<{ cycleId: string; total: number } | null>(null);
  const { progress, error: progressError } = useCycleProgress(check?.cycleId);
  const checkDone = progress?.done === true;
  useEffect(() => {
    if (checkDone) onDone(); // the rows show the statuses the check found
  }, [checkDone]); // once per finished check, not again for a new onDone
  const counts = progress?.byStatus;
  const finished =
    checkDone && counts
      ? `Check finished: ${progress.checked} of ${check?.total ?? 0} checked · ${counts.connected} connected · ` +
        `${counts.degraded} degraded · ${counts.failing} failing.`
      : null;
  const count = scope === "selected" ? selected.length : total;
  const verb = action === "recheck" ? "Re-check" : action === "remove" ? "Remove" : "Switch credential of";

  const apply = async () => {
    if (action === "remove" && !window.confirm(`Remove ${count} repositories? Their check history goes with them.`)) return;
    setBusy(true);
    setError(null);
    setCheck(null);
    try {
      const filter = Object.fromEntries(
        Object.entries({ q: query.q, status: query.status, credential: query.credential, host: query.host, owner: query.owner }).filter(
          ([, v]) => v,
        ),
      );
      const done = await call("POST /repositories/bulk", {
        body: {
          action,
          ...(scope === "selected" ? { ids: selected } : { filter }),
          ...(action === "set-credential" ? { credential } : {}),
        },
      });
      const what = action === "recheck" ? "re-check started for" : action === "remove" ? "removed" : `switched to ${credential}:`;
      const skipped = done.skipped.length ? ` Left alone: ${done.skipped.map((s) => `${s.name} (${s.reason})`).join("; ")}.` : "";
      setResult(`${done.done} of ${done.matched} ${what} ${done.done === 1 ? "repository" : "repositories"}.${skipped}`);
      setCheck(done.check);
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="bulk-bar" aria-labelledby="bulk-heading">
      <h2 id="bulk-heading" className="visually-hidden">
        Act on many repositories
      </h2>
      <label>
        <span>Apply to</span>{" "}
        <select value={scope} onChange={(e) => setScope(e.target.value as "selected" | "filter")}>
          <option value="selected">the {selected.length} selected</option>
          <option value="filter">all {total} matching the filters</option>
        </select>
      </label>{" "}
      <label>
        <span>Action</span>{" "}
        <select value={action} onChange={(e) => setAction(e.target.value as Action)}>
          <option value="recheck">Re-check now</option>
          <option value="set-credential">Switch credential</option>
          <option value="remove">Remove</option>
        </select>
      </label>{" "}
      {action === "set-credential" ? (
        <label>
          <span>New credential</span>{" "}
          <select value={credential} onChange={(e) => setCredential(e.target.value)}>
            <option value="">Choose…</option>
            {credentials.map((c) => (
              <option key={c.id} value={c.name}>
                {c.name} ({c.host})
              </option>
            ))}
          </select>
        </label>
      ) : null}{" "}
      <button
        type="button"
        className="button"
        disabled={busy || count === 0 || (action === "set-credential" && !credential)}
        onClick={() => void apply()}
      >
        {busy ? "Working…" : `${verb} ${count}`}
      </button>
      <ErrorAlert message={error ?? progressError} />
      <LiveStatus tone="success">{result}</LiveStatus>
      {check ? (
        <p className="bulk-progress">
          <progress max={check.total} value={progress?.checked ?? 0} aria-label="Repositories checked" />{" "}
          {finished ?? `Checked ${progress?.checked ?? 0} of ${check.total}…`}
        </p>
      ) : null}
      <LiveStatus visuallyHidden>{finished}</LiveStatus>
    </section>
  );
}
