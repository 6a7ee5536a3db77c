import { webhookEvents } from "../../../../src/core/notifications/webhook.ts";

/** What each event announces, in plain words. */
const eventLabels: Record<(typeof webhookEvents)[number], string> = {
  "connection.status_changed": "Connection status changes (one summary per health cycle)",
  "credential.expiring": "A credential expires in 30, 7 or 1 days",
  "credential.expired": "A credential has expired",
  "credential.revoked": "A credential was revoked",
  "rotation.completed": "A credential rotation finished",
};

/** The event checkboxes of the webhook form: "All events" or a choice from the fixed list; an error marks the group. */
export function WebhookEventFields({ error }: { error: string | null }) {
  return (
    <fieldset aria-describedby={error ? "webhook-events-error" : undefined} data-invalid={error ? true : undefined}>
      <legend>Events</legend>
      <div className="checkbox">
        <input type="checkbox" id="webhook-event-all" name="events" value="*" defaultChecked />
        <label htmlFor="webhook-event-all">All events, including ones added later</label>
      </div>
      {webhookEvents.map((event) => (
        <div className="checkbox" key={event}>
          <input type="checkbox" id={`webhook-event-${event}`} name="events" value={event} />
          <label htmlFor={`webhook-event-${event}`}>{eventLabels[event]}</label>
        </div>
      ))}
      {error ? (
        <p className="field-error" id="webhook-events-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
