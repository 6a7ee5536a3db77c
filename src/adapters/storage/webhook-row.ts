import type { Insertable, Selectable } from "kysely";
import type { NotificationEvent, Webhook, WebhookDelivery } from "../../core/notifications/webhook.ts";
import type { WebhookDeliveriesTable, WebhooksTable } from "./database-schema.ts";

/** A `webhooks` row as the Webhook entity. */
export function toWebhook(row: Selectable<WebhooksTable>): Webhook {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    secretBox: row.secret_box,
    kekId: row.kek_id,
    secretPreview: row.secret_preview,
    events: JSON.parse(row.events) as Webhook["events"],
    allowPrivateNetwork: Number(row.allow_private_network) === 1,
    active: Number(row.active) === 1,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/** A Webhook entity as a `webhooks` row. */
export function toWebhookRow(webhook: Webhook): Insertable<WebhooksTable> {
  return {
    id: webhook.id,
    name: webhook.name,
    url: webhook.url,
    secret_box: webhook.secretBox,
    kek_id: webhook.kekId,
    secret_preview: webhook.secretPreview,
    events: JSON.stringify(webhook.events),
    allow_private_network: webhook.allowPrivateNetwork ? 1 : 0,
    active: webhook.active ? 1 : 0,
    created_by: webhook.createdBy,
    created_at: webhook.createdAt,
  };
}

/** A `webhook_deliveries` row as the WebhookDelivery entity. */
export function toDelivery(row: Selectable<WebhookDeliveriesTable>): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    event: row.event as NotificationEvent,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    attempt: Number(row.attempt),
    status: row.status,
    responseStatus: row.response_status === null ? null : Number(row.response_status),
    error: row.error,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
}

/** A WebhookDelivery entity as a `webhook_deliveries` row. */
export function toDeliveryRow(delivery: WebhookDelivery): Insertable<WebhookDeliveriesTable> {
  return {
    id: delivery.id,
    webhook_id: delivery.webhookId,
    event: delivery.event,
    payload: JSON.stringify(delivery.payload),
    attempt: delivery.attempt,
    status: delivery.status,
    response_status: delivery.responseStatus,
    error: delivery.error,
    next_attempt_at: delivery.nextAttemptAt,
    created_at: delivery.createdAt,
    delivered_at: delivery.deliveredAt,
  };
}
