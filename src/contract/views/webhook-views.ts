import { z } from "@hono/zod-openapi";

/** What the API shows of a webhook: never its secret, only a preview. */
export const webhookViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    url: z.string(),
    secretPreview: z.string(),
    events: z.array(z.string()),
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
  })
  .openapi("WebhookDelivery");

/** A webhook as listed. */
export type WebhookView = z.infer<typeof webhookViewSchema>;
/** One delivery of a webhook. */
export type WebhookDeliveryView = z.infer<typeof webhookDeliverySchema>;
