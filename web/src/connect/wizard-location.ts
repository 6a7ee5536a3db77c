import { navigate } from "../router/navigate.ts";
import { useSearch } from "../router/use-search.ts";

/** How the wizard connects: a personal access token, or a GitHub App. */
export type ConnectMethod = "token" | "app";

/** Where the wizard is, as kept in the address bar: reload stays on the step, Back goes to the previous one. */
export interface WizardLocation {
  step: number;
  host: string | null;
  method: ConnectMethod;
  /** The stored credential, once steps 3–4 saved it. */
  credential: string | null;
}

/** The wizard's place from a query string such as `?step=3&host=github.com&method=app`. */
export function readWizardLocation(search: string): WizardLocation {
  const query = new URLSearchParams(search);
  const step = Number(query.get("step"));
  return {
    step: Number.isInteger(step) && step >= 1 && step <= 5 ? step : 1,
    host: query.get("host") || null,
    method: query.get("method") === "app" ? "app" : "token",
    credential: query.get("credential") || null,
  };
}

/** The wizard's address for a place. */
export function wizardPath(location: WizardLocation): string {
  const query = new URLSearchParams({ step: String(location.step) });
  if (location.host) query.set("host", location.host);
  query.set("method", location.method);
  if (location.credential) query.set("credential", location.credential);
  return `/connect?${query}`;
}

/** The wizard's place in the URL, and a way to move to another (a new history entry). */
export function useWizardLocation(): [WizardLocation, (next: Partial<WizardLocation>) => void] {
  const location = readWizardLocation(useSearch());
  return [location, (next) => navigate(wizardPath({ ...location, ...next }))];
}
