import type { CredentialScope } from "../api/types.ts";
import { useRef, useState, type FormEvent } from "react";
import { ApiError } from "../api/api-error.ts";
import type { HostView } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { FormField } from "../components/form-field.tsx";
import { emptyTokenCheck, TokenInput } from "../components/token-input.tsx";
import { CredentialNameField, CredentialScopeField } from "./credential-fields.tsx";
import { saveCheckedCredential, type SaveOutcome } from "./save-checked-credential.ts";
import { StepPanel } from "./step-panel.tsx";

const defaultName = (host: string) => `github-${host}`.replace(/[^A-Za-z0-9._-]/g, "-").slice(0, 64);

/** Step 3: paste the token (checked offline as it is pasted), name the credential, save and check it online. */
export function PasteTokenStep({ host, onBack, onOutcome }: { host: HostView; onBack(): void; onOutcome(outcome: SaveOutcome): void }) {
  const tokenRef = useRef<HTMLInputElement>(null);
  const [check, setCheck] = useState(emptyTokenCheck);
  const [name, setName] = useState(defaultName(host.name));
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = tokenRef.current;
    if (!input || !check.acceptable) return;
    const form = new FormData(event.currentTarget);
    const secret = input.value;
    // The secret leaves the page's memory with this request; the field is emptied at once.
    input.value = "";
    setCheck(emptyTokenCheck);
    setBusy(true);
    setError(null);
    const failed = await saveCheckedCredential(
      {
        name: name.trim(),
        type: "token" as const,
        host: host.name,
        // The form's select offers only the contract's scopes.
        scope: String(form.get("scope") ?? "private") as CredentialScope,
        username: String(form.get("username") ?? "").trim() || null,
        validate: true,
        secret,
      },
      onOutcome,
    );
    if (failed !== null) {
      setError(failed);
      setBusy(false);
    }
  };

  const fieldError = (field: string) => (error instanceof ApiError && error.field === field ? error.message : null);
  return (
    <StepPanel number={3} title="Paste the token into Repolink">
      <p>
        Paste the token you copied from GitHub (it becomes the password of a “username with password” credential). Repolink checks its
        format and built-in checksum right here, before anything is sent.
      </p>
      <form onSubmit={submit}>
        <ErrorAlert
          message={error instanceof ApiError ? `${error.message}${error.field === "secret" ? " Paste the token again." : ""}` : error}
        />
        <TokenInput
          label="Personal access token"
          hint="Starts with ghp_ or github_pat_. It is stored encrypted and never shown again."
          inputRef={tokenRef}
          check={check}
          onCheck={setCheck}
        />
        <CredentialNameField value={name} onChange={setName} error={fieldError("name")} what="this credential" />
        <FormField
          label="GitHub username (optional)"
          name="username"
          autoComplete="off"
          hint="Sent with the token for Git over HTTPS; any value works with a token."
          error={fieldError("username")}
        />
        <CredentialScopeField />
        <div className="actions">
          <button type="button" onClick={onBack}>
            Back
          </button>
          <button type="submit" className="primary" disabled={!check.acceptable || busy || name.trim() === ""}>
            {busy ? "Checking with GitHub…" : "Check and save token"}
          </button>
        </div>
        {busy ? <p role="status">Asking {host.name} who this token belongs to and what it may do…</p> : null}
      </form>
    </StepPanel>
  );
}
