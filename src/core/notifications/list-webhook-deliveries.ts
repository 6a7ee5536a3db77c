import type { CoreDeps } from "../deps.ts";
import { findWebhook } from "./find-webhook.ts";
import { decodePageCursor, encodePageCursor } from "./page-cursor.ts";
import { type WebhookDeliveryView, webhookDeliveryView } from "./webhook-view.ts";

/** One page of a webhook's delivery log. */
export interface WebhookDeliveryPage {
  items: WebhookDeliveryView[];
  /** Where the next (older) page starts; null on the last page. */
  nextCursor: string | null;
}

/**
 * A webhook's deliveries, newest first, `limit` at a time (keyset paging).
 * @throws NotFoundError `WEBHOOK_NOT_FOUND`; InputError `WEBHOOK_DELIVERY_CURSOR_INVALID`
 */
export async function listWebhookDeliveries(
  deps: Pick<CoreDeps, "store">,
  ref: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<WebhookDeliveryPage> {
  const webhook = await findWebhook(deps, ref);
  const before = page.cursor ? decodePageCursor(page.cursor, ["createdAt", "id"], "WEBHOOK_DELIVERY_CURSOR_INVALID") : undefined;
  const rows = await deps.store.webhooks.listDeliveries(webhook.id, page.limit + 1, before);
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map(webhookDeliveryView),
    nextCursor: rows.length > page.limit && last ? encodePageCursor({ createdAt: last.createdAt, id: last.id }) : null,
  };
}
