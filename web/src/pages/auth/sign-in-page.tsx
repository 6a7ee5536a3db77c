import { useState, type FormEvent } from "react";
import { errorMessage } from "../../api/api-error.ts";
import { ErrorAlert } from "../../components/error-alert.tsx";
import { FormField } from "../../components/form-field.tsx";
import { PageHeading } from "../../components/page-heading.tsx";

/** Sign in with a username and password; the session lives in an HttpOnly cookie. */
export function SignInPage({ onSignIn, notice }: { onSignIn(username: string, password: string): Promise<void>; notice?: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await onSignIn(String(form.get("username") ?? ""), String(form.get("password") ?? ""));
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <main id="main" className="narrow">
      <PageHeading intro="Sign in to manage credentials and repository connections.">Sign in to Repolink</PageHeading>
      {notice ? (
        <div className="alert alert-info" role="status">
          {notice}
        </div>
      ) : null}
      <form onSubmit={submit} className="card">
        <ErrorAlert message={error} />
        <FormField label="Username" name="username" required autoComplete="username" />
        <FormField label="Password" name="password" type="password" required autoComplete="current-password" />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
