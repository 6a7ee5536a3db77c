import { useState, type FormEvent } from "react";
import { errorMessage } from "../../api/api-error.ts";
import { repositoryApi } from "../../api/repository-api.ts";
import { ErrorAlert } from "../../components/error-alert.tsx";
import { FormField } from "../../components/form-field.tsx";
import { LiveStatus } from "../../components/live-status.tsx";

/** Registers every repository a credential can reach, optionally of one owner. */
export function ImportRepositoriesForm({ credentialId, onImported }: { credentialId: string; onImported(): void }) {
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const owner = String(new FormData(event.currentTarget).get("owner") ?? "").trim();
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const body = await repositoryApi.import({ credential: credentialId, ...(owner ? { owner } : {}) });
      const count = body.created.length;
      const skipped = body.skipped.length;
      const names = count > 0 ? `: ${body.created.join(", ")}` : "";
      setResult(
        `Imported ${count} repositor${count === 1 ? "y" : "ies"}${names}` +
          `${skipped ? `. Skipped ${skipped} (already registered or not usable)` : ""}. ` +
          `Their connections are checked by the next health run, or open one to check it now.`,
      );
      onImported();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="import-form">
      <ErrorAlert message={error} />
      <FormField
        label="Owner (optional)"
        name="owner"
        hint="A user or organization; empty imports everything the token can reach."
        autoComplete="off"
      />
      <button type="submit" disabled={busy}>
        {busy ? "Importing…" : "Import repositories"}
      </button>
      <LiveStatus tone="success">{result}</LiveStatus>
    </form>
  );
}
