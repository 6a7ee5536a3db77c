import { useState, type FormEvent } from "react";
import type { HostView } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { useApiData } from "../hooks/use-api-data.ts";
import { Link } from "../router/link.tsx";
import { useSession } from "../session/session-context.ts";
import { StepPanel } from "./step-panel.tsx";
import type { ConnectMethod } from "./wizard-location.ts";

/** Step 1: github.com or one of the GitHub Enterprise Server hosts an admin added, and a token or a GitHub App. */
export function ChooseHostStep({
  initial,
  initialMethod,
  onChoose,
}: {
  initial: string | null;
  initialMethod: ConnectMethod;
  onChoose(host: HostView, method: ConnectMethod): void;
}) {
  const hosts = useApiData("GET /hosts");
  const { user } = useSession();
  const [chosen, setChosen] = useState<string | null>(initial);
  const [method, setMethod] = useState<ConnectMethod>(initialMethod);
  // github.com first, then the GitHub Enterprise Server hosts by name.
  const items = [...(hosts.data?.items ?? [])].sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || a.name.localeCompare(b.name));
  const selected = chosen ?? items[0]?.name ?? null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const host = items.find((h) => h.name === selected);
    if (host) onChoose(host, method);
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
        <fieldset>
          <legend>Personal access token or GitHub App?</legend>
          <div className="radio">
            <input
              type="radio"
              id="method-token"
              name="method"
              value="token"
              checked={method === "token"}
              onChange={() => setMethod("token")}
            />
            <label htmlFor="method-token">
              <strong>Personal access token</strong>{" "}
              <span className="sub">Quickest: a token of your own account. It acts as you and expires when you set it to.</span>
            </label>
          </div>
          <div className="radio">
            <input type="radio" id="method-app" name="method" value="app" checked={method === "app"} onChange={() => setMethod("app")} />
            <label htmlFor="method-app">
              <strong>GitHub App</strong>{" "}
              <span className="sub">
                Best for a team: not tied to a person, never expires, its own rate limit, installed on the repositories you choose.
              </span>
            </label>
          </div>
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
