import { useRef, useState, type FormEvent } from "react";
import { api, call } from "../../api/api-client.ts";
import { ApiError, errorMessage } from "../../api/api-error.ts";
import { ErrorAlert } from "../../components/error-alert.tsx";
import { FormField } from "../../components/form-field.tsx";
import { LiveStatus } from "../../components/live-status.tsx";
import { PageHeading } from "../../components/page-heading.tsx";
import { useApiData } from "../../hooks/use-api-data.ts";
import { useFocusFirstInvalid } from "../../hooks/use-focus-first-invalid.ts";
import type { WebhookDeliveryView, WebhookView } from "../../api/types.ts";
import { webhookSecretRule } from "../../../../src/core/notifications/webhook.ts";
import { WebhookDeliveries } from "./webhook-deliveries.tsx";
import { WebhookEventFields } from "./webhook-event-fields.tsx";

/** The result of a test ping, shown next to its button. */
interface PingResult {
  webhookId: string;
  delivered: boolean;
  text: string;
}

/** Signed webhooks that receive connection status changes (admins only). */
export function WebhooksPage() {
  const hooks = useApiData("GET /webhooks");
  const [error, setError] = useState<ApiError | string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [ping, setPing] = useState<PingResult | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const [logVersion, setLogVersion] = useState(0);

  const testPing = async (w: WebhookView) => {
    setPing({ webhookId: w.id, delivered: false, text: "Sending a test ping…" });
    try {
      const { delivery } = await call("POST /webhooks/{ref}/test", { params: { ref: w.id } });
      setPing({ webhookId: w.id, delivered: delivery.status === "delivered", text: pingText(delivery) });
    } catch (e) {
      setPing({ webhookId: w.id, delivered: false, text: `Test ping not sent: ${errorMessage(e)}` });
    }
    setLogVersion((v) => v + 1);
  };

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
    const chosen = form.getAll("events").map(String);
    const events = chosen.includes("*") ? ["*"] : chosen;
    void act(async () => {
      const { webhook } = await api<{ webhook: WebhookView }>("POST", "/webhooks", {
        name: String(form.get("name") ?? "").trim(),
        url: String(form.get("url") ?? "").trim(),
        secret,
        events,
        allowPrivateNetwork: form.get("allowPrivateNetwork") === "on",
      });
      formElement.reset();
      return `Webhook ${webhook.name} added. Send a test ping to check the receiver.`;
    });
  };

  const fieldError = (field: string) => (error instanceof ApiError && error.field === field ? error.message : null);
  useFocusFirstInvalid(formRef, error instanceof ApiError && shownInline(error) ? error : null);
  return (
    <>
      <PageHeading intro={intro}>Webhooks</PageHeading>
      <LiveStatus tone="success">{notice}</LiveStatus>
      <ErrorAlert message={hooks.error ?? (error instanceof ApiError ? (shownInline(error) ? null : error.message) : error)} />
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
                    <button type="button" onClick={() => void testPing(w)}>
                      Send test ping<span className="visually-hidden"> to {w.name}</span>
                    </button>
                    <button
                      type="button"
                      aria-expanded={shown === w.id}
                      aria-controls={`deliveries-section-${w.id}`}
                      onClick={() => setShown((s) => (s === w.id ? null : w.id))}
                    >
                      Deliveries<span className="visually-hidden"> of {w.name}</span>
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
                    <span role="status" className={ping?.webhookId === w.id ? (ping.delivered ? "ping-ok" : "ping-failed") : "live-empty"}>
                      {ping?.webhookId === w.id ? ping.text : null}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {hooks.data?.items
        .filter((w) => w.id === shown)
        .map((w) => (
          <div id={`deliveries-section-${w.id}`} key={w.id}>
            <WebhookDeliveries webhook={w} version={logVersion} />
          </div>
        ))}
      <section className="card" aria-labelledby="add-webhook">
        <h2 id="add-webhook">Add a webhook</h2>
        <form onSubmit={create} ref={formRef}>
          <FormField label="Name" name="name" required autoComplete="off" error={fieldError("name")} />
          <FormField
            label="URL"
            name="url"
            type="url"
            required
            placeholder="https://hooks.example.com/repolink"
            error={fieldError("url")}
          />
          <FormField
            id="webhook-secret"
            label="Signing secret"
            hint={`${webhookSecretRule} Shared with the receiver to verify signatures; it is never shown again.`}
            ref={secretRef}
            type="password"
            required
            autoComplete="off"
            error={fieldError("secret")}
          />
          <WebhookEventFields error={fieldError("events")} />
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

const intro =
  "Events are POSTed as JSON, signed with HMAC-SHA256 of the shared secret: " +
  "one summary per health cycle, one warning per expiring credential.";

/** The form shows these fields' errors beside them, not again at the top. */
function shownInline(error: ApiError): boolean {
  return ["name", "url", "secret", "events"].includes(error.field ?? "");
}

/** What a test ping did, in the server's plain words. */
function pingText(delivery: WebhookDeliveryView): string {
  return delivery.status === "delivered"
    ? `Test ping delivered: the receiver answered HTTP ${delivery.responseStatus ?? "2xx"}.`
    : `Test ping failed. ${delivery.outcome}`;
}
