import { useState, type FormEvent } from "react";
import { call } from "../../api/api-client.ts";
import { ApiError, errorMessage } from "../../api/api-error.ts";
import type { HostView } from "../../api/types.ts";
import { ErrorAlert } from "../../components/error-alert.tsx";
import { FormField } from "../../components/form-field.tsx";

/** Fixes a host in place (URL, CA bundle, private network) or removes it; what happened shows here, beside the host. */
export function HostEditor({ host, onChanged, onClose }: { host: HostView; onChanged(message: string): void; onClose(): void }) {
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const url = String(form.get("url") ?? "").trim();
    const ca = String(form.get("caBundle") ?? "").trim();
    setBusy(true);
    setError(null);
    try {
      const { host: saved } = await call("PATCH /hosts/{name}", {
        params: { name: host.name },
        body: {
          ...(url && url !== host.url ? { url } : {}),
          ...(ca ? { caBundle: ca } : form.get("removeCa") === "on" ? { caBundle: null } : {}),
          allowPrivateNetwork: form.get("allowPrivateNetwork") === "on",
        },
      });
      onChanged(`Host ${saved.name} saved: ${saved.url}, private network ${saved.allowPrivateNetwork ? "allowed" : "refused"}.`);
    } catch (e) {
      setError(e instanceof ApiError ? e : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    if (!window.confirm(`Remove host ${host.name}?`)) return;
    setBusy(true);
    setError(null);
    try {
      await call("DELETE /hosts/{name}", { params: { name: host.name } });
      onChanged(`Host ${host.name} removed.`);
    } catch (e) {
      setError(e instanceof ApiError ? e : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (field: string) => (error instanceof ApiError && error.field === field ? error.message : null);

  return (
    <form onSubmit={save} aria-label={`Edit host ${host.name}`}>
      <ErrorAlert message={error instanceof ApiError ? error.message : error} />
      <FormField label="Web URL" name="url" type="url" defaultValue={host.url} error={fieldError("url")} />
      <div className="field">
        <label htmlFor={`ca-${host.id}`}>New CA bundle (optional, PEM)</label>
        <textarea id={`ca-${host.id}`} name="caBundle" rows={3} className="mono" />
      </div>
      {host.hasCaBundle ? (
        <div className="checkbox">
          <input type="checkbox" id={`remove-ca-${host.id}`} name="removeCa" />
          <label htmlFor={`remove-ca-${host.id}`}>Remove the CA bundle (trust the system's CAs only)</label>
        </div>
      ) : null}
      <div className="checkbox">
        <input type="checkbox" id={`private-${host.id}`} name="allowPrivateNetwork" defaultChecked={host.allowPrivateNetwork} />
        <label htmlFor={`private-${host.id}`}>Allow private, loopback and link-local addresses (on-premises servers)</label>
      </div>
      <button type="submit" className="primary" disabled={busy}>
        Save {host.name}
      </button>{" "}
      <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
        Remove {host.name}
      </button>{" "}
      <button type="button" onClick={onClose}>
        Cancel
      </button>
    </form>
  );
}
