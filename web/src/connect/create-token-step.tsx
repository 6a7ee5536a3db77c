import type { HostView } from "../api/types.ts";
import { StepPanel } from "./step-panel.tsx";
import { useNewTokenUrl } from "./use-new-token-url.ts";

/** Step 2: how to create the token on GitHub, with a link that opens GitHub's form prefilled. */
export function CreateTokenStep({ host, onBack, onNext }: { host: HostView; onBack(): void; onNext(): void }) {
  const url = useNewTokenUrl(host);
  return (
    <StepPanel number={2} title={`Create a personal access token on ${host.name}`}>
      <p>
        Repolink signs in to GitHub with a personal access token that you create once. Repolink stores it encrypted and never shows it
        again. The button opens GitHub's form with the <code>repo</code> scope and a description already filled in, so you can skip steps
        2–5.
      </p>
      <p>
        <a className="button primary" href={url} target="_blank" rel="noopener noreferrer" id="create-token-link">
          Create token on GitHub<span className="visually-hidden"> (opens in a new tab)</span> <span aria-hidden="true">↗</span>
        </a>
      </p>
      <ol className="numbered">
        <li>Sign in to your account on {host.name}.</li>
        <li>
          In the upper-right corner of any page, click your profile photo, then <strong>Settings</strong>.
        </li>
        <li>
          In the left sidebar, click <strong>Developer settings</strong>.
        </li>
        <li>
          In the left sidebar, click <strong>Personal access tokens</strong>, then <strong>Tokens (classic)</strong>.
        </li>
        <li>
          Click <strong>Generate new token</strong>.
        </li>
        <li>Give the token a name that says what it is for, such as “Repolink – release pipeline”.</li>
        <li>
          Select the <strong>repo</strong> scope — Repolink needs it to read and push your repositories. Leave admin and delete scopes
          cleared. Pick an expiry date too: Repolink reminds you 30, 7 and 1 days before it.
        </li>
        <li>
          Click <strong>Generate token</strong>.
        </li>
        <li>Copy the token with the copy button. GitHub shows it only once.</li>
      </ol>
      <p className="hint">
        The button opens <code className="break">{url}</code>
      </p>
      <div className="actions">
        <button type="button" onClick={onBack}>
          Back
        </button>
        <button type="button" className="primary" onClick={onNext}>
          I have copied my token
        </button>
      </div>
    </StepPanel>
  );
}
