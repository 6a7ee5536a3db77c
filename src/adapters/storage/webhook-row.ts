import type { Webhook, WebhookDelivery } from "../../core/notifications/webhook.ts";
import type { WebhookDeliveriesTable, WebhooksTable } from "./database-schema.ts";
import { flag, json, rowCodec } from "./row-codec.ts";

/** Webhooks as `webhooks` rows: `events` is JSON text, booleans are 0 or 1. */
export const webhookRows = rowCodec<Webhook, WebhooksTable>({ events: json(), allowPrivateNetwork: flag, active: flag });

/** Deliveries as `webhook_deliveries` rows: `payload` is JSON text. */
export const deliveryRows = rowCodec<WebhookDelivery, WebhookDeliveriesTable>({ payload: json() });
