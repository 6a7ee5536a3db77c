import { useState, type FormEvent } from "react";
import { api } from "../../api/api-client.ts";
import { ApiError, errorMessage } from "../../api/api-error.ts";
import { ErrorAlert } from "../../components/error-alert.tsx";
import { FormField } from "../../components/form-field.tsx";
import { PageHeading } from "../../components/page-heading.tsx";

/** First run: the setup code printed by `repolink serve` creates the first admin, who is then signed in. */
export function SetupPage({ onDone }: { onDone(username: string, password: string): Promise<void> }) {
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get("username") ?? "");
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("confirm") ?? "")) {
      setError("The two passwords differ; type the same password twice.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api("POST", "/setup", { setupCode: String(form.get("setupCode") ?? "").trim(), username, password });
      await onDone(username, password);
    } catch (e) {
      setError(e instanceof ApiError ? e : errorMessage(e));
      setBusy(false);
    }
  };

  const fieldError = (field: string) => (error instanceof ApiError && error.field === field ? error.message : null);
  return (
    <main id="main" className="narrow">
      <PageHeading
        intro={
          <>
            Repolink has no users yet. Create the first administrator with the one-time setup code that <code>repolink serve</code> printed
            in its terminal.
          </>
        }
      >
        Welcome to Repolink
      </PageHeading>
      <form onSubmit={submit} className="card" noValidate={false}>
        <ErrorAlert message={error instanceof ApiError ? error.message : error} />
        <FormField
          label="Setup code"
          name="setupCode"
          required
          autoComplete="off"
          hint={
            <>
              Printed once by <code>repolink serve</code> when it started.
            </>
          }
          error={fieldError("setupCode")}
        />
        <FormField label="Administrator username" name="username" required autoComplete="username" error={fieldError("username")} />
        <FormField
          label="Password"
          name="password"
          type="password"
          required
          autoComplete="new-password"
          hint="At least 10 characters."
          error={fieldError("password")}
        />
        <FormField label="Password again" name="confirm" type="password" required autoComplete="new-password" />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Creating…" : "Create administrator"}
        </button>
      </form>
    </main>
  );
}
