import { useState, type FormEvent } from "react";
import { api } from "../../api/api-client.ts";
import { ApiError, errorMessage } from "../../api/api-error.ts";
import type { HostView } from "../../api/types.ts";
import { ErrorAlert } from "../../components/error-alert.tsx";
import { FormField } from "../../components/form-field.tsx";
import { LiveStatus } from "../../components/live-status.tsx";
import { PageHeading } from "../../components/page-heading.tsx";
import { useApiData } from "../../hooks/use-api-data.ts";
import { useSession } from "../../session/session-context.ts";
import { HostEditor } from "./host-editor.tsx";

/** The hosts Repolink may contact; admins add GitHub Enterprise Server hosts. */
export function HostsPage() {
  const { user } = useSession();
  const hosts = useApiData("GET /hosts");
  const [error, setError] = useState<ApiError | string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const text = (key: string) => String(form.get(key) ?? "").trim();
    setBusy(true);
    setError(null);
    try {
      const { host } = await api<{ host: HostView }>("POST", "/hosts", {
        name: text("name"),
        url: text("url"),
        ...(text("apiUrl") ? { apiUrl: text("apiUrl") } : {}),
        ...(text("caBundle") ? { caBundle: text("caBundle") } : {}),
        allowPrivateNetwork: form.get("allowPrivateNetwork") === "on",
      });
      formElement.reset();
      setNotice(`Host ${host.name} added.`);
      hosts.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (field: string) => (error instanceof ApiError && error.field === field ? error.message : null);

  return (
    <>
      <PageHeading intro="Only these hosts are ever contacted. Private-network addresses are refused unless a host allows them.">
        Hosts
      </PageHeading>
      <LiveStatus tone="success">{notice}</LiveStatus>
      <ErrorAlert message={hosts.error} />
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Known hosts</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Web URL</th>
              <th scope="col">API URL</th>
              <th scope="col">Private network</th>
              <th scope="col">CA bundle</th>
              {user.role === "admin" ? <th scope="col">Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {(hosts.data?.items ?? []).flatMap((h) => [
              <tr key={h.id}>
                <th scope="row">
                  {h.name} {h.builtIn ? <span className="tag">built in</span> : null}
                </th>
                <td>{h.url}</td>
                <td>{h.apiUrl}</td>
                <td>{h.allowPrivateNetwork ? "Allowed" : "Refused"}</td>
                <td>{h.hasCaBundle ? "Yes" : "No"}</td>
                {user.role === "admin" ? (
                  <td className="row-actions">
                    {h.builtIn ? null : (
                      <button type="button" aria-expanded={editing === h.id} onClick={() => setEditing(editing === h.id ? null : h.id)}>
                        Edit<span className="visually-hidden"> {h.name}</span>
                      </button>
                    )}
                  </td>
                ) : null}
              </tr>,
              editing === h.id ? (
                <tr key={`${h.id}-edit`}>
                  <td colSpan={6}>
                    <HostEditor
                      host={h}
                      onClose={() => setEditing(null)}
                      onChanged={(message) => {
                        setNotice(message);
                        setEditing(null);
                        hosts.reload();
                      }}
                    />
                  </td>
                </tr>
              ) : null,
            ])}
          </tbody>
        </table>
      </div>
      {user.role === "admin" ? (
        <section className="card" aria-labelledby="add-host">
          <h2 id="add-host">Add a GitHub Enterprise Server host</h2>
          <form onSubmit={submit}>
            <ErrorAlert message={error instanceof ApiError ? error.message : error} />
            <FormField label="Name" name="name" required placeholder="github.example.com" error={fieldError("name")} autoComplete="off" />
            <FormField label="Web URL" name="url" type="url" required placeholder="https://github.example.com" error={fieldError("url")} />
            <FormField
              label="API URL (optional)"
              name="apiUrl"
              type="url"
              hint="Defaults to <web URL>/api/v3."
              error={fieldError("apiUrl")}
            />
            <div className="field">
              <label htmlFor="ca-bundle">CA bundle (optional, PEM)</label>
              <textarea id="ca-bundle" name="caBundle" rows={3} className="mono" />
            </div>
            <div className="checkbox">
              <input type="checkbox" id="allow-private" name="allowPrivateNetwork" />
              <label htmlFor="allow-private">Allow private, loopback and link-local addresses (on-premises servers)</label>
            </div>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? "Adding…" : "Add host"}
            </button>
          </form>
        </section>
      ) : null}
    </>
  );
}
