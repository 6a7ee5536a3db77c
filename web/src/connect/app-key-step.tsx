import { useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { ApiError } from "../api/api-error.ts";
import type { CredentialScope, HostView } from "../api/types.ts";
import { ErrorAlert } from "../components/error-alert.tsx";
import { FormField } from "../components/form-field.tsx";
import { defaultCredentialName } from "./credential-name.ts";
import { saveCheckedCredential, type SaveOutcome } from "./save-checked-credential.ts";
import { CredentialNameField, CredentialScopeField } from "./credential-fields.tsx";
import { StepPanel } from "./step-panel.tsx";

/**
 * Step 3 of the App path: the App's ID and private key (a .pem file or pasted), optionally its installation;
 * checked with GitHub on save. The key is write-only: read into memory, sent once, never put back into the page.
 */
export function AppKeyStep({ host, onBack, onOutcome }: { host: HostView; onBack(): void; onOutcome(outcome: SaveOutcome): void }) {
  const pasteRef = useRef<HTMLTextAreaElement>(null);
  const fileKey = useRef<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [name, setName] = useState(defaultCredentialName(host.name, "github-app"));
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);

  const pickFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    fileKey.current = file ? await file.text() : null;
    setFileName(file?.name ?? null);
    // The file input keeps no copy of the key either.
    event.currentTarget.value = "";
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const privateKey = fileKey.current ?? pasteRef.current?.value ?? "";
    if (privateKey.trim() === "") {
      setError(new ApiError(400, "APP_KEY_REQUIRED", "Choose the App's .pem file or paste the private key.", "privateKey"));
      return;
    }
    // The key leaves the page's memory with this request.
    fileKey.current = null;
    setFileName(null);
    if (pasteRef.current) pasteRef.current.value = "";
    setBusy(true);
    setError(null);
    const installationId = String(form.get("installationId") ?? "").trim();
    const failed = await saveCheckedCredential(
      {
        name: name.trim(),
        type: "github-app" as const,
        host: host.name,
        // The form's select offers only the contract's scopes.
        scope: String(form.get("scope") ?? "private") as CredentialScope,
        appId: String(form.get("appId") ?? "").trim(),
        privateKey,
        installationId: installationId || null,
        validate: true,
      },
      onOutcome,
    );
    if (failed !== null) {
      setError(failed);
      setBusy(false);
    }
  };

  const fieldError = (field: string) => (error instanceof ApiError && error.field === field ? error.message : null);
  const keyError = fieldError("privateKey");
  return (
    <StepPanel number={3} title="Enter the App's ID and private key">
      <p>
        Find the <strong>App ID</strong> (or Client ID) at the top of the App’s settings page on {host.name}, and the private key in the
        .pem file GitHub downloaded when you clicked “Generate a private key”. Repolink stores the key encrypted and never shows it again.
      </p>
      <form onSubmit={submit}>
        <ErrorAlert message={error instanceof ApiError ? (error.field ? null : error.message) : error} />
        <FormField
          label="App ID or Client ID"
          name="appId"
          required
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          hint="A number such as 123456, or a client ID such as Iv23liAbCdEf."
          error={fieldError("appId")}
        />
        <fieldset aria-describedby="app-key-hint">
          <legend>Private key</legend>
          <p className="hint" id="app-key-hint">
            An RSA private key in PEM (PKCS#1 or PKCS#8). Choose the file or paste it; it is not shown again.
          </p>
          <div className="field">
            <label htmlFor="app-key-file">Private key file (.pem)</label>
            <input id="app-key-file" type="file" accept=".pem,application/x-pem-file,text/plain" onChange={(e) => void pickFile(e)} />
            <p className="hint" aria-live="polite">
              {fileName ? `Key file chosen: ${fileName} (its content is not shown).` : "No file chosen."}
            </p>
          </div>
          <div className="field">
            <label htmlFor="app-key-paste">Or paste the private key</label>
            <textarea
              id="app-key-paste"
              ref={pasteRef}
              rows={4}
              className="mono secret-text"
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="off"
              placeholder="-----BEGIN RSA PRIVATE KEY-----"
              aria-invalid={keyError ? true : undefined}
              aria-describedby={keyError ? "app-key-error" : undefined}
            />
          </div>
          {keyError ? (
            <p className="field-error" id="app-key-error">
              {keyError}
            </p>
          ) : null}
        </fieldset>
        <FormField
          label="Installation ID (optional)"
          name="installationId"
          inputMode="numeric"
          autoComplete="off"
          hint="Leave empty: Repolink finds the installation on each repository's owner. Set it to use one installation only."
          error={fieldError("installationId")}
        />
        <CredentialNameField value={name} onChange={setName} error={fieldError("name")} what="the App in Repolink" />
        <CredentialScopeField />
        <div className="actions">
          <button type="button" onClick={onBack}>
            Back
          </button>
          <button type="submit" className="primary" disabled={busy || name.trim() === ""}>
            {busy ? "Checking with GitHub…" : "Check and save App"}
          </button>
        </div>
        {busy ? <p role="status">Asking {host.name} whether the App exists and this key signs for it…</p> : null}
      </form>
    </StepPanel>
  );
}
