import { useId, useMemo, useState, type FormEvent } from "react";
import { errorMessage } from "../api/api-error.ts";
import { repositoryApi } from "../api/repository-api.ts";
import type { ImportResult } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { LiveStatus } from "../components/live-status.tsx";
import { useApiData } from "../hooks/use-api-data.ts";
import "./repository-picker.css";

/** The most one import registers (the API's limit). */
const MAX_IMPORT = 1000;

type Needs = "push" | "pull";

/**
 * Lists what the credential reaches, searchable, archived and registered repositories marked (archived ones start
 * unselected, registered ones cannot be chosen), and imports the selection in one request.
 */
export function RepositoryPicker({ credentialId, onImported }: { credentialId: string; onImported(result: ImportResult): void }) {
  const reachable = useApiData("GET /credentials/{ref}/reachable-repositories", { params: { ref: credentialId } });
  const items = useMemo(() => reachable.data?.items ?? [], [reachable.data]);
  const [query, setQuery] = useState("");
  const [needs, setNeeds] = useState<Needs>("push");
  // Null until the person changes it: then every repository but archived and registered ones counts as selected.
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const searchId = useId();

  const selectable = useMemo(() => items.filter((r) => !r.registered), [items]);
  const selected = useMemo(() => chosen ?? new Set(selectable.filter((r) => !r.archived).map((r) => r.path)), [chosen, selectable]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? items.filter((r) => r.path.toLowerCase().includes(q)) : items;
  }, [items, query]);

  const change = (update: (next: Set<string>) => void) => {
    const next = new Set(selected);
    update(next);
    setChosen(next);
  };
  const selectShown = (on: boolean) =>
    change((next) => {
      for (const r of shown) {
        if (r.registered) continue;
        if (!on) next.delete(r.path);
        // Archived repositories cannot be pushed to: "all" leaves them out unless only reading is needed.
        else if (!r.archived || needs === "pull") next.add(r.path);
      }
    });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onImported(await repositoryApi.import({ credential: credentialId, repositories: [...selected], needs }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (reachable.loading && !reachable.data) return <p role="status">Asking GitHub which repositories this token reaches…</p>;
  if (reachable.error) return <ErrorAlert message={reachable.error} />;
  const tooMany = selected.size > MAX_IMPORT;
  return (
    <form onSubmit={submit} className="repository-picker" aria-label="Choose repositories to import">
      <ErrorAlert message={error} />
      <div className="field">
        <label htmlFor={searchId}>Search repositories</label>
        <input id={searchId} type="search" value={query} autoComplete="off" onChange={(e) => setQuery(e.target.value)} />
      </div>
      <fieldset className="needs-choice">
        <legend>The repositories are used to</legend>
        <label className="checkbox">
          <input type="radio" name="needs" value="push" checked={needs === "push"} onChange={() => setNeeds("push")} /> Read and push
        </label>
        <label className="checkbox">
          <input type="radio" name="needs" value="pull" checked={needs === "pull"} onChange={() => setNeeds("pull")} /> Only read
        </label>
      </fieldset>
      <p className="picker-toolbar">
        <span>
          Showing {shown.length} of {items.length} · {selected.size} selected
        </span>
        <button type="button" onClick={() => selectShown(true)}>
          Select all shown
        </button>
        <button type="button" onClick={() => selectShown(false)}>
          Select none shown
        </button>
      </p>
      <LiveStatus visuallyHidden>{query ? `${shown.length} repositories match.` : null}</LiveStatus>
      <fieldset className="picker-list">
        <legend className="visually-hidden">Repositories</legend>
        {shown.length === 0 ? <p>No repository matches.</p> : null}
        <ul className="plain-list">
          {shown.map((r) => (
            <li key={r.path}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={selected.has(r.path)}
                  disabled={r.registered}
                  onChange={(e) => change((next) => (e.target.checked ? next.add(r.path) : next.delete(r.path)))}
                />{" "}
                <span className="mono">{r.path}</span>
                {r.archived ? <span className="tag">archived (read-only)</span> : null}
                {r.registered ? <span className="tag">already registered</span> : null}
                {r.private === false ? <span className="tag">public</span> : null}
                {r.permission === "pull" ? <span className="tag">read-only access</span> : null}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {tooMany ? <p className="hint">One import registers at most {MAX_IMPORT} repositories: narrow the selection.</p> : null}
      <button type="submit" className="primary" disabled={busy || selected.size === 0 || tooMany}>
        {busy ? "Importing…" : `Import ${selected.size} ${selected.size === 1 ? "repository" : "repositories"} and check them`}
      </button>
    </form>
  );
}
