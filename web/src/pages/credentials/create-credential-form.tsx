import type { CredentialScope } from "../../api/types.ts";
import { useRef, useState, type FormEvent } from "react";
import { call } from "../../api/api-client.ts";
import { ApiError, errorMessage } from "../../api/api-error.ts";
import type { CredentialProblem, CredentialView, HostView } from "../../api/types.ts";
import { ErrorAlert } from "../../components/error-alert.tsx";
import { FormField } from "../../components/form-field.tsx";
import { ProblemList } from "../../components/problem-list.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { SshKeyFields } from "../../components/ssh-key-fields.tsx";
import { emptyTokenCheck, TokenInput } from "../../components/token-input.tsx";
import { useApiData } from "../../hooks/use-api-data.ts";
import { useSession } from "../../session/session-context.ts";

/** Stores a new token or SSH key; the secret fields are emptied as soon as the form is sent. */
export function CreateCredentialForm({ onCreated }: { onCreated(c: CredentialView): void }) {
  const { user } = useSession();
  const hosts = useApiData("GET /hosts");
  const [type, setType] = useState<"token" | "ssh-key">("token");
  const [check, setCheck] = useState(emptyTokenCheck);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [problems, setProblems] = useState<CredentialProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const tokenRef = useRef<HTMLInputElement>(null);
  const keyRef = useRef<HTMLTextAreaElement>(null);
  const passphraseRef = useRef<HTMLInputElement>(null);

  const takeSecret = (): Record<string, unknown> => {
    if (type === "token") {
      const secret = tokenRef.current?.value ?? "";
      if (tokenRef.current) tokenRef.current.value = "";
      setCheck(emptyTokenCheck);
      return { secret };
    }
    const privateKey = keyRef.current?.value ?? "";
    const passphrase = passphraseRef.current?.value || null;
    if (keyRef.current) keyRef.current.value = "";
    if (passphraseRef.current) passphraseRef.current.value = "";
    return { privateKey, passphrase };
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const body = {
      name: String(form.get("name") ?? "").trim(),
      type,
      host: String(form.get("host") ?? "github.com"),
      // The form's select offers only the contract's scopes.
      scope: String(form.get("scope") ?? "private") as CredentialScope,
      username: String(form.get("username") ?? "").trim() || null,
      validate: form.get("validate") === "on",
      ...takeSecret(),
    };
    setBusy(true);
    setError(null);
    setProblems([]);
    try {
      const { credential } = await call("POST /credentials", { body });
      formElement.reset();
      onCreated(credential);
    } catch (e) {
      setError(e instanceof ApiError ? e : errorMessage(e));
      if (e instanceof ApiError && Array.isArray(e.details?.problems)) setProblems(e.details.problems as CredentialProblem[]);
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: string) => (error instanceof ApiError && error.field === field ? error.message : null);
  const secretRejected = error instanceof ApiError && (error.field === "secret" || error.field === "privateKey");
  return (
    <section aria-labelledby="new-credential" className="card">
      <h2 id="new-credential">Add a credential</h2>
      <form onSubmit={submit}>
        <ErrorAlert
          message={
            error instanceof ApiError ? `${error.message}${secretRejected ? " The secret field was cleared: paste it again." : ""}` : error
          }
        />
        <ProblemList problems={problems} />
        <SelectField label="Kind" value={type} onChange={(e) => setType(e.target.value === "ssh-key" ? "ssh-key" : "token")}>
          <option value="token">Username with token or password</option>
          <option value="ssh-key">SSH private key</option>
        </SelectField>
        <FormField
          label="Name"
          name="name"
          required
          maxLength={64}
          hint="Letters, digits, '.', '_' or '-'."
          error={fieldError("name")}
          autoComplete="off"
        />
        <SelectField label="Host" name="host">
          {(hosts.data?.items ?? [{ name: "github.com", id: "github.com" } as HostView]).map((h) => (
            <option key={h.id} value={h.name}>
              {h.name}
            </option>
          ))}
        </SelectField>
        {type === "token" ? (
          <>
            <FormField label="Username (optional)" name="username" autoComplete="off" error={fieldError("username")} />
            <TokenInput
              label="Token"
              hint="Checked for format and checksum as you paste it."
              inputRef={tokenRef}
              check={check}
              onCheck={setCheck}
            />
          </>
        ) : (
          <>
            <FormField label="SSH user (optional)" name="username" autoComplete="off" hint="Usually git." error={fieldError("username")} />
            <SshKeyFields keyRef={keyRef} passphraseRef={passphraseRef} />
          </>
        )}
        <SelectField label="Scope" name="scope" defaultValue={user.role === "admin" ? "global" : "private"}>
          {user.role === "admin" ? <option value="global">Global (the team)</option> : null}
          <option value="private">Private (only me)</option>
        </SelectField>
        <div className="checkbox">
          <input type="checkbox" id="create-validate" name="validate" defaultChecked />
          <label htmlFor="create-validate">Check it with the host before saving</label>
        </div>
        <button type="submit" className="primary" disabled={busy || (type === "token" && !check.acceptable)}>
          {busy ? "Saving…" : "Save credential"}
        </button>
      </form>
    </section>
  );
}
