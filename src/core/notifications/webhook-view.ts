import { deliveryOutcome } from "./delivery-outcome.ts";
import type { Webhook, WebhookDelivery } from "./webhook.ts";

/** What the API and CLI show of a webhook: never its secret or sealed box. */
export interface WebhookView {
  id: string;
  name: string;
  url: string;
  secretPreview: string;
  events: Webhook["events"];
  allowPrivateNetwork: boolean;
  active: boolean;
  createdBy: string;
  createdAt: string;
}

/** Projects a stored webhook to its public view. */
export function webhookView(w: Webhook): WebhookView {
  return {
    id: w.id,
    name: w.name,
    url: w.url,
    secretPreview: w.secretPreview,
    events: w.events,
    allowPrivateNetwork: w.allowPrivateNetwork,
    active: w.active,
    createdBy: w.createdBy,
    createdAt: w.createdAt,
  };
}

/** What the API and CLI show of a delivery: its attempts and their outcome in plain words. */
export interface WebhookDeliveryView extends Omit<WebhookDelivery, "dedupeKey"> {
  outcome: string;
}

/** Projects a stored delivery to its public view. */
export function webhookDeliveryView(d: WebhookDelivery): WebhookDeliveryView {
  return {
    id: d.id,
    webhookId: d.webhookId,
    event: d.event,
    payload: d.payload,
    attempt: d.attempt,
    status: d.status,
    responseStatus: d.responseStatus,
    error: d.error,
    nextAttemptAt: d.nextAttemptAt,
    createdAt: d.createdAt,
    deliveredAt: d.deliveredAt,
    outcome: deliveryOutcome(d),
  };
}
