import { useRef, useState, type FormEvent } from "react";
import { api, call } from "../../api/api-client.ts";
import { ApiError, errorMessage } from "../../api/api-error.ts";
import { ErrorAlert } from "../../components/error-alert.tsx";
import { FormField } from "../../components/form-field.tsx";
import { LiveStatus } from "../../components/live-status.tsx";
import { PageHeading } from "../../components/page-heading.tsx";
import { useApiData } from "../../hooks/use-api-data.ts";
import type { WebhookView } from "../../api/types.ts";

/** Signed webhooks that receive connection status changes (admins only). */
export function WebhooksPage() {
  const hooks = useApiData("GET /webhooks");
  const [error, setError] = useState<ApiError | string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const secretRef = useRef<HTMLInputElement>(null);

  const act = async (action: () => Promise<string>) => {
    setError(null);
    try {
      setNotice(await action());
      hooks.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e : errorMessage(e));
    }
  };

  const create = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const secret = secretRef.current?.value ?? "";
    if (secretRef.current) secretRef.current.value = "";
    const events = String(form.get("events") ?? "")
      .split(/[\s,]+/)
      .filter(Boolean);
    void act(async () => {
      const { webhook } = await api<{ webhook: WebhookView }>("POST", "/webhooks", {
        name: String(form.get("name") ?? "").trim(),
        url: String(form.get("url") ?? "").trim(),
        secret,
        ...(events.length ? { events } : {}),
        allowPrivateNetwork: form.get("allowPrivateNetwork") === "on",
      });
      formElement.reset();
      return `Webhook ${webhook.name} added.`;
    });
  };

  const fieldError = (field: string) => (error instanceof ApiError && error.field === field ? error.message : null);
  return (
    <>
      <PageHeading intro="Status changes are POSTed as JSON, signed with HMAC-SHA256 of the shared secret.">Webhooks</PageHeading>
      <LiveStatus tone="success">{notice}</LiveStatus>
      <ErrorAlert message={hooks.error ?? (error instanceof ApiError ? error.message : error)} />
      {hooks.data && hooks.data.items.length === 0 ? <p>No webhooks yet.</p> : null}
      {hooks.data && hooks.data.items.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Webhooks</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">URL</th>
                <th scope="col">Events</th>
                <th scope="col">Secret</th>
                <th scope="col">State</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {hooks.data.items.map((w) => (
                <tr key={w.id}>
                  <th scope="row">{w.name}</th>
                  <td className="break">{w.url}</td>
                  <td>{w.events.join(", ")}</td>
                  <td>
                    <code>{w.secretPreview}</code>
                  </td>
                  <td>{w.active ? "Active" : "Paused"}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      onClick={() =>
                        void act(
                          async () => (await call("POST /webhooks/{ref}/test", { params: { ref: w.id } }), `Test ping sent to ${w.name}.`),
                        )
                      }
                    >
                      Send test<span className="visually-hidden"> to {w.name}</span>
                    </button>
                    <button
                      type="button"
                      className="danger"
                      onClick={() =>
                        window.confirm(`Delete the webhook ${w.name}?`) &&
                        void act(async () => (await call("DELETE /webhooks/{ref}", { params: { ref: w.id } }), `Deleted ${w.name}.`))
                      }
                    >
                      Delete<span className="visually-hidden"> {w.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <section className="card" aria-labelledby="add-webhook">
        <h2 id="add-webhook">Add a webhook</h2>
        <form onSubmit={create}>
          <FormField label="Name" name="name" required autoComplete="off" error={fieldError("name")} />
          <FormField
            label="URL"
            name="url"
            type="url"
            required
            placeholder="https://hooks.example.com/repolink"
            error={fieldError("url")}
          />
          <div className="field">
            <label htmlFor="webhook-secret">Signing secret</label>
            <p className="hint" id="webhook-secret-hint">
              Shared with the receiver to verify signatures; it is never shown again.
            </p>
            <input id="webhook-secret" ref={secretRef} type="password" required autoComplete="off" aria-describedby="webhook-secret-hint" />
          </div>
          <FormField
            label="Events (optional)"
            name="events"
            hint="Comma-separated; empty means all events."
            error={fieldError("events")}
            autoComplete="off"
          />
          <div className="checkbox">
            <input type="checkbox" id="webhook-private" name="allowPrivateNetwork" />
            <label htmlFor="webhook-private">Allow a private-network address</label>
          </div>
          <button type="submit" className="primary">
            Add webhook
          </button>
        </form>
      </section>
    </>
  );
}
