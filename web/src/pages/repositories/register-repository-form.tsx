import { useState, type FormEvent } from "react";
import { ApiError, errorMessage } from "../../api/api-error.ts";
import { repositoryApi, type RepositoryCheckOutcome } from "../../api/repository-api.ts";
import type { CredentialView, HostView } from "../../api/types.ts";
import { ErrorAlert } from "../../components/error-alert.tsx";
import { FormField } from "../../components/form-field.tsx";
import { SelectField } from "../../components/select-field.tsx";

/**
 * Registers a repository by URL with a credential; the server checks the connection at once. The hosts come from the
 * page, which lists them already: one request, not two.
 */
export function RegisterRepositoryForm({
  credentials,
  hosts,
  fixedCredential,
  onRegistered,
}: {
  credentials: CredentialView[];
  hosts: HostView[];
  fixedCredential?: CredentialView;
  onRegistered(outcome: RepositoryCheckOutcome): void;
}) {
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);
  const hostName = fixedCredential?.host ?? credentials[0]?.host ?? "github.com";
  const webUrl = hosts.find((h) => h.name === hostName)?.url ?? `https://${hostName}`;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const credential = fixedCredential?.id ?? String(form.get("credential") ?? "");
    const name = String(form.get("name") ?? "").trim();
    const branch = String(form.get("branch") ?? "").trim();
    setBusy(true);
    setError(null);
    try {
      const outcome = await repositoryApi.register({
        url: String(form.get("url") ?? "").trim(),
        credential,
        needs: form.get("needs") === "pull" ? "pull" : "push",
        ...(name ? { name } : {}),
        ...(branch ? { branch } : {}),
      });
      formElement.reset();
      onRegistered(outcome);
    } catch (e) {
      setError(e instanceof ApiError ? e : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: string) => (error instanceof ApiError && error.field === field ? error.message : null);
  return (
    <form onSubmit={submit} className="register-form">
      <ErrorAlert message={error instanceof ApiError ? error.message : error} />
      <FormField
        label="Repository URL"
        name="url"
        required
        placeholder={`${webUrl.replace(/\/+$/, "")}/owner/repository.git`}
        hint="HTTPS or SSH clone URL."
        error={fieldError("url")}
        autoComplete="off"
      />
      {fixedCredential ? null : (
        <SelectField label="Credential" name="credential" required>
          {credentials.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.host}, {c.preview})
            </option>
          ))}
        </SelectField>
      )}
      <SelectField label="Access needed" name="needs" defaultValue="push" hint="Pipelines that push tags or commits need push access.">
        <option value="push">Push (read and write)</option>
        <option value="pull">Pull (read only)</option>
      </SelectField>
      <details>
        <summary>More options</summary>
        <FormField label="Display name (optional)" name="name" hint="Defaults to owner/name." error={fieldError("name")} />
        <FormField
          label="Branch (optional)"
          name="branch"
          hint="Defaults to the repository's default branch."
          error={fieldError("branch")}
        />
      </details>
      <button type="submit" className="primary" disabled={busy || (!fixedCredential && credentials.length === 0)}>
        {busy ? "Registering and checking…" : "Register and check"}
      </button>
      {busy ? <p role="status">Checking the connection step by step…</p> : null}
    </form>
  );
}
