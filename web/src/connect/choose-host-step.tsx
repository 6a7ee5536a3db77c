import { useState, type FormEvent } from "react";
import type { HostView } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { useApiData } from "../hooks/use-api-data.ts";
import { Link } from "../router/link.tsx";
import { useSession } from "../session/session-context.ts";
import { StepPanel } from "./step-panel.tsx";

/** Step 1: github.com or one of the GitHub Enterprise Server hosts an admin added. */
export function ChooseHostStep({ initial, onChoose }: { initial: string | null; onChoose(host: HostView): void }) {
  const hosts = useApiData("GET /hosts");
  const { user } = useSession();
  const [chosen, setChosen] = useState<string | null>(initial);
  // github.com first, then the GitHub Enterprise Server hosts by name.
  const items = [...(hosts.data?.items ?? [])].sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || a.name.localeCompare(b.name));
  const selected = chosen ?? items[0]?.name ?? null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const host = items.find((h) => h.name === selected);
    if (host) onChoose(host);
  };

  return (
    <StepPanel number={1} title="Choose where your repositories live">
      <ErrorAlert message={hosts.error} />
      <form onSubmit={submit}>
        <fieldset>
          <legend>GitHub host</legend>
          {hosts.loading && !hosts.data ? <p role="status">Loading hosts…</p> : null}
          {items.map((h) => (
            <div className="radio" key={h.id}>
              <input
                type="radio"
                id={`host-${h.id}`}
                name="host"
                value={h.name}
                checked={selected === h.name}
                onChange={() => setChosen(h.name)}
              />
              <label htmlFor={`host-${h.id}`}>
                <strong>{h.name}</strong> <span className="sub">{h.builtIn ? "GitHub.com" : `GitHub Enterprise Server at ${h.url}`}</span>
              </label>
            </div>
          ))}
        </fieldset>
        <p className="hint">
          Using GitHub Enterprise Server and it is not listed?{" "}
          {user.role === "admin" ? <Link to="/admin/hosts">Add the host first</Link> : "Ask an administrator to add it."}
        </p>
        <button type="submit" className="primary" disabled={!selected}>
          Continue
        </button>
      </form>
    </StepPanel>
  );
}
