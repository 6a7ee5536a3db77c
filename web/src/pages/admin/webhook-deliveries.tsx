import { useCallback, useEffect, useState } from "react";
import { call } from "../../api/api-client.ts";
import { errorMessage } from "../../api/api-error.ts";
import { ErrorAlert } from "../../components/error-alert.tsx";
import type { WebhookDeliveryView, WebhookView } from "../../api/types.ts";

const statusLabels: Record<WebhookDeliveryView["status"], string> = { pending: "Retrying", delivered: "Delivered", failed: "Failed" };

/** The delivery log of one webhook, newest first, 20 at a time; `version` changes reload it (after a test ping). */
export function WebhookDeliveries({ webhook, version }: { webhook: WebhookView; version: number }) {
  const [items, setItems] = useState<WebhookDeliveryView[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (cursor: string | null) => {
      setError(null);
      try {
        const page = await call("GET /webhooks/{ref}/deliveries", {
          params: { ref: webhook.id },
          query: { limit: "20", ...(cursor ? { cursor } : {}) },
        });
        setItems((shown) => (cursor && shown ? [...shown, ...page.items] : page.items));
        setNext(page.nextCursor);
      } catch (e) {
        setError(errorMessage(e));
      }
    },
    [webhook.id],
  );
  useEffect(() => void load(null), [load, version]);

  const headingId = `deliveries-${webhook.id}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Deliveries to {webhook.name}</h2>
      <ErrorAlert message={error} />
      {items && items.length === 0 ? <p>No deliveries yet. Send a test ping to try the receiver.</p> : null}
      {items && items.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Deliveries to {webhook.name}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Response</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <td>
                    <time dateTime={d.createdAt}>{new Date(d.createdAt).toLocaleString()}</time>
                  </td>
                  <td>{d.event}</td>
                  <td>{statusLabels[d.status]}</td>
                  <td>{d.attempt}</td>
                  <td>{d.responseStatus === null ? "None" : `HTTP ${d.responseStatus}`}</td>
                  <td className="break">{d.outcome}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {next ? (
        <button type="button" onClick={() => void load(next)}>
          Show older deliveries
        </button>
      ) : null}
    </section>
  );
}
