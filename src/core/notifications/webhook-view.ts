import type { Webhook } from "./webhook.ts";

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
