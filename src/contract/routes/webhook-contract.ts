import { createRoute, z } from "@hono/zod-openapi";
import { access, errorResponses, itemsOf, jsonBody, jsonResponse, limitQuery, noContent } from "../route-parts.ts";
import { webhookDeliveryPageSchema, webhookDeliverySchema, webhookViewSchema } from "../views/webhook-views.ts";

const refParam = z.object({ ref: z.string() });

/** Outgoing webhooks (admins only): the secret goes in, only a preview comes out. */
export const webhookContract = {
  listWebhooks: createRoute({
    method: "get",
    path: "/api/v1/webhooks",
    summary: "List webhooks",
    tags: ["webhooks"],
    ...access("admin"),
    responses: { 200: jsonResponse(itemsOf(webhookViewSchema), "Every webhook"), ...errorResponses("admin") },
  }),
  createWebhook: createRoute({
    method: "post",
    path: "/api/v1/webhooks",
    summary: "Add a webhook (signed with HMAC-SHA256 of its secret)",
    tags: ["webhooks"],
    ...access("admin"),
    request: {
      body: jsonBody(
        z
          .object({
            name: z.string().max(64),
            url: z.string().max(2048),
            secret: z.string().max(1024),
            events: z.array(z.string().max(64)).max(16).optional(),
            allowPrivateNetwork: z.boolean().default(false),
            active: z.boolean().default(true),
          })
          .strict(),
      ),
    },
    responses: { 201: jsonResponse(z.object({ webhook: webhookViewSchema }), "The new webhook"), ...errorResponses("admin", 400, 409) },
  }),
  deleteWebhook: createRoute({
    method: "delete",
    path: "/api/v1/webhooks/{ref}",
    summary: "Remove a webhook and its delivery log",
    tags: ["webhooks"],
    ...access("admin"),
    request: { params: refParam },
    responses: { 204: noContent, ...errorResponses("admin", 404) },
  }),
  listWebhookDeliveries: createRoute({
    method: "get",
    path: "/api/v1/webhooks/{ref}/deliveries",
    summary: "List a webhook's deliveries, newest first",
    tags: ["webhooks"],
    ...access("admin"),
    request: { params: refParam, query: limitQuery.extend({ cursor: z.string().max(500).optional() }) },
    responses: {
      200: jsonResponse(webhookDeliveryPageSchema, "Deliveries, newest first, and where the next page starts"),
      ...errorResponses("admin", 400, 404),
    },
  }),
  testWebhook: createRoute({
    method: "post",
    path: "/api/v1/webhooks/{ref}/test",
    summary: "Send a ping to a webhook now and report what the receiver answered (or why it could not be reached)",
    tags: ["webhooks"],
    ...access("admin"),
    request: { params: refParam },
    responses: { 200: jsonResponse(z.object({ delivery: webhookDeliverySchema }), "The ping's delivery"), ...errorResponses("admin", 404) },
  }),
};
