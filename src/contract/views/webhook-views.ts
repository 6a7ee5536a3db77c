import { z } from "@hono/zod-openapi";
import { webhookEventFilters, webhookEvents } from "../../core/notifications/webhook.ts";

/** The events a webhook may subscribe to: the fixed list the web UI offers as checkboxes and the CLI as `--events`. */
export const webhookEventSchema = z.enum(webhookEvents).openapi("WebhookEvent");
/** An event, or `*` for every event. */
export const webhookEventFilterSchema = z.enum(webhookEventFilters).openapi("WebhookEventFilter");
export { webhookEventFilters, webhookEvents };

/** What the API shows of a webhook: never its secret, only a preview. */
export const webhookViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    url: z.string(),
    secretPreview: z.string(),
    events: z.array(webhookEventFilterSchema),
    allowPrivateNetwork: z.boolean(),
    active: z.boolean(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .openapi("Webhook");

/** One delivery of an event to a webhook, with its attempts so far. */
export const webhookDeliverySchema = z
  .object({
    id: z.string(),
    webhookId: z.string(),
    event: z.string(),
    payload: z.record(z.string(), z.unknown()),
    attempt: z.number().int(),
    status: z.enum(["pending", "delivered", "failed"]),
    responseStatus: z.number().int().nullable(),
    error: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
    outcome: z.string().openapi({ description: "What happened in plain words: the receiver's HTTP status, or why it was not reached" }),
  })
  .openapi("WebhookDelivery");

/** One page of a webhook's delivery log, newest first. */
export const webhookDeliveryPageSchema = z.object({ items: z.array(webhookDeliverySchema), nextCursor: z.string().nullable() });

/** One page of the repositories a health cycle changed (the full list behind a summary delivery). */
export const cycleChangePageSchema = z
  .object({
    cycleId: z.string(),
    items: z.array(
      z.object({
        repositoryId: z.string(),
        repositoryName: z.string(),
        fromStatus: z.enum(["unchecked", "connected", "degraded", "failing"]),
        toStatus: z.enum(["unchecked", "connected", "degraded", "failing"]),
        reasonCode: z.string().nullable(),
        checkedAt: z.string(),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .openapi("HealthCycleChanges");

/** A webhook as listed. */
export type WebhookView = z.infer<typeof webhookViewSchema>;
/** One delivery of a webhook. */
export type WebhookDeliveryView = z.infer<typeof webhookDeliverySchema>;
