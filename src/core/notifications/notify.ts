import type { CoreDeps } from "../deps.ts";
import { type NotificationEvent, type WebhookDelivery, wantsEvent } from "./webhook.ts";

/**
 * Queues one delivery of `event` per active webhook that subscribed to it; `deliverDue`
 * sends them. Pass a transaction's store in `deps` to queue atomically with other writes.
 * @returns the queued deliveries
 * @example await notify(deps, "connection.status_changed", { repository: "octo/app", from: "connected", to: "failing" })
 */
export async function notify(
  deps: Pick<CoreDeps, "store" | "now" | "newId">,
  event: Exclude<NotificationEvent, "ping">,
  data: Record<string, unknown>,
): Promise<WebhookDelivery[]> {
  const now = deps.now().toISOString();
  const queued: WebhookDelivery[] = [];
  for (const webhook of await deps.store.webhooks.list()) {
    if (!wantsEvent(webhook, event)) continue;
    const delivery = pendingDelivery(deps.newId(), webhook.id, event, data, now);
    await deps.store.webhooks.insertDelivery(delivery);
    queued.push(delivery);
  }
  return queued;
}

/** A delivery not yet attempted, due at `now`. */
export function pendingDelivery(
  id: string,
  webhookId: string,
  event: NotificationEvent,
  payload: Record<string, unknown>,
  now: string,
): WebhookDelivery {
  return {
    id,
    webhookId,
    event,
    payload,
    attempt: 0,
    status: "pending",
    responseStatus: null,
    error: null,
    nextAttemptAt: now,
    createdAt: now,
    deliveredAt: null,
  };
}
