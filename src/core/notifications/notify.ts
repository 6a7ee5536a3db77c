import type { CoreDeps } from "../deps.ts";
import { type NotificationEvent, type WebhookDelivery, wantsEvent } from "./webhook.ts";

/**
 * Queues one delivery of `event` per active webhook that subscribed to it; `deliverDue`
 * sends them. Pass a transaction's store in `deps` to queue atomically with other writes.
 * With a `dedupeKey`, a webhook that already has a delivery with that key gets no second one
 * (a retried job, a second instance or a re-run finish queue nothing new).
 * @returns the deliveries queued by this call
 * @example await notify(deps, "credential.expiring", { credential: { name: "ci" } }, "expiry:ID:3:7d")
 */
export async function notify(
  deps: Pick<CoreDeps, "store" | "now" | "newId">,
  event: Exclude<NotificationEvent, "ping">,
  data: Record<string, unknown>,
  dedupeKey: string | null = null,
): Promise<WebhookDelivery[]> {
  const now = deps.now().toISOString();
  const queued: WebhookDelivery[] = [];
  for (const webhook of await deps.store.webhooks.list()) {
    if (!wantsEvent(webhook, event)) continue;
    const delivery = pendingDelivery(deps.newId(), webhook.id, event, data, now, dedupeKey);
    if (await deps.store.webhooks.insertDelivery(delivery)) queued.push(delivery);
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
  dedupeKey: string | null = null,
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
    dedupeKey,
  };
}
