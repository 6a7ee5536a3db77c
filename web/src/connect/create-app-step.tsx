import { useState, type FormEvent } from "react";
import { call } from "../api/api-client.ts";
import { ApiError, errorMessage } from "../api/api-error.ts";
import type { CredentialScope, HostView } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { FormField } from "../components/form-field.tsx";
import { AppPermissions } from "./app-permissions.tsx";
import { defaultCredentialName } from "./credential-name.ts";
import { CredentialNameField, CredentialScopeField } from "./credential-fields.tsx";
import { StepPanel } from "./step-panel.tsx";

/** Posts the manifest to the host's page, as GitHub's App manifest flow asks (a form POST, not a fetch). */
function postManifest(postUrl: string, manifest: string): void {
  const form = document.createElement("form");
  form.method = "post";
  form.action = postUrl;
  const field = document.createElement("input");
  field.type = "hidden";
  field.name = "manifest";
  field.value = manifest;
  form.append(field);
  document.body.append(form);
  form.submit();
}

/**
 * Step 2 of the App path: the permissions the App needs, and either one click that lets GitHub create it
 * (the manifest flow: GitHub sends the browser back with the App's ID and key) or an App made by hand.
 */
export function CreateAppStep({ host, onBack, onNext }: { host: HostView; onBack(): void; onNext(): void }) {
  const [name, setName] = useState(defaultCredentialName(host.name, "github-app"));
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);
  const web = host.url.replace(/\/+$/, "");

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const started = await call("POST /app-manifests", {
        body: {
          host: host.name,
          name: name.trim(),
          // The form's select offers only the contract's scopes.
          scope: String(form.get("scope") ?? "private") as CredentialScope,
          organization: String(form.get("organization") ?? "").trim() || null,
        },
      });
      postManifest(started.postUrl, started.manifest);
    } catch (e) {
      setError(e instanceof ApiError ? e : errorMessage(e));
      setBusy(false);
    }
  };
  const fieldError = (field: string) => (error instanceof ApiError && error.field === field ? error.message : null);

  return (
    <StepPanel number={2} title={`Create the GitHub App on ${host.name}`}>
      <p>
        A GitHub App signs in as itself, not as you: it has no expiry date, its own rate limit, and reaches only the repositories it is
        installed on. It needs these permissions and nothing else:
      </p>
      <AppPermissions />
      <section aria-labelledby="manifest-title">
        <h3 id="manifest-title">Let GitHub create it</h3>
        <p>
          GitHub opens a page that creates the App with these permissions; confirm there, and GitHub sends you back here with the App’s ID
          and private key, which Repolink stores encrypted.
        </p>
        <form onSubmit={create}>
          <ErrorAlert message={error instanceof ApiError ? (error.field ? null : error.message) : error} />
          <CredentialNameField value={name} onChange={setName} error={fieldError("name")} what="the App in Repolink" />
          <FormField
            label="Organization (optional)"
            name="organization"
            autoComplete="off"
            hint="Create the App under this organization (you must be one of its owners); empty creates it under your account."
            error={fieldError("organization")}
          />
          <CredentialScopeField />
          <button type="submit" className="primary" disabled={busy || name.trim() === ""}>
            {busy ? "Opening GitHub…" : "Create the App on GitHub"}
          </button>
        </form>
      </section>
      <details>
        <summary>Or create the App by hand</summary>
        <ol className="numbered">
          <li>
            Open{" "}
            <a href={`${web}/settings/apps/new`} target="_blank" rel="noopener noreferrer">
              New GitHub App on {host.name}
              <span className="visually-hidden"> (opens in a new tab)</span>
            </a>{" "}
            (for an organization: its Settings → Developer settings → GitHub Apps → New GitHub App).
          </li>
          <li>Give it a name, such as “Repolink”, and any homepage URL.</li>
          <li>
            Under <strong>Webhook</strong>, clear <strong>Active</strong>.
          </li>
          <li>
            Under <strong>Repository permissions</strong>, set <strong>Contents</strong> to “Read and write”; <strong>Metadata</strong> is
            “Read-only” already.
          </li>
          <li>
            Click <strong>Create GitHub App</strong>, note the <strong>App ID</strong>, then under <strong>Private keys</strong> click{" "}
            <strong>Generate a private key</strong> (a .pem file downloads).
          </li>
          <li>
            Click <strong>Install App</strong>, choose the account and the repositories Repolink should reach.
          </li>
        </ol>
      </details>
      <div className="actions">
        <button type="button" onClick={onBack}>
          Back
        </button>
        <button type="button" className="primary" onClick={onNext}>
          I have an App: enter its key
        </button>
      </div>
    </StepPanel>
  );
}
