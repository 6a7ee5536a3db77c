import type { ConnectMethod } from "./wizard-location.ts";

/** The wizard's steps, in order. */
export const wizardSteps = [
  "Choose the host",
  "Create a token on GitHub",
  "Paste the token",
  "Check the token",
  "Connect repositories",
] as const;

/** The same steps on the GitHub App path. */
export const appWizardSteps = [
  "Choose the host",
  "Create the GitHub App",
  "Enter the App's key",
  "Check the App",
  "Connect repositories",
] as const;

/** Where the user is in the wizard; the current step carries aria-current="step". */
export function WizardProgress({ current, method = "token" }: { current: number; method?: ConnectMethod }) {
  return (
    <nav aria-label="Connect GitHub progress">
      <ol className="wizard-progress">
        {(method === "app" ? appWizardSteps : wizardSteps).map((label, index) => {
          const number = index + 1;
          const state = number < current ? "done" : number === current ? "current" : "todo";
          return (
            <li key={label} className={`wizard-step wizard-step-${state}`} aria-current={state === "current" ? "step" : undefined}>
              <span className="wizard-number" aria-hidden="true">
                {state === "done" ? "✓" : number}
              </span>
              <span>
                {label}
                {state === "done" ? <span className="visually-hidden"> (done)</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
