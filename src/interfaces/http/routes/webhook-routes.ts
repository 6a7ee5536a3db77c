import { z } from "zod";
import type { CoreDeps } from "../../../core/deps.ts";
import { createWebhook } from "../../../core/notifications/create-webhook.ts";
import { deleteWebhook } from "../../../core/notifications/delete-webhook.ts";
import { findWebhook } from "../../../core/notifications/find-webhook.ts";
import { sendTestPing } from "../../../core/notifications/send-test-ping.ts";
import { webhookView } from "../../../core/notifications/webhook-view.ts";
import { schemas } from "../mount-routes.ts";
import { defineRoute, type AnyRoute } from "../route.ts";

/** Outgoing webhooks (admins only): the secret goes in, only a preview comes out. */
export function webhookRoutes(deps: CoreDeps): AnyRoute[] {
  return [
    defineRoute({
      method: "get",
      path: "/webhooks",
      summary: "List webhooks",
      tag: "webhooks",
      access: "admin",
      handler: async () => ({ status: 200, body: { items: (await deps.store.webhooks.list()).map(webhookView) } }),
    }),
    defineRoute({
      method: "post",
      path: "/webhooks",
      summary: "Add a webhook (signed with HMAC-SHA256 of its secret)",
      tag: "webhooks",
      access: "admin",
      errors: [400, 403, 409],
      body: z
        .object({
          name: z.string().max(64),
          url: z.string().max(2048),
          secret: z.string().max(1024),
          events: z.array(z.string().max(64)).max(16).optional(),
          allowPrivateNetwork: z.boolean().default(false),
          active: z.boolean().default(true),
        })
        .strict(),
      handler: async ({ body, actor }) => ({ status: 201, body: { webhook: webhookView(await createWebhook(deps, actor, body)) } }),
    }),
    defineRoute({
      method: "delete",
      path: "/webhooks/:ref",
      summary: "Remove a webhook and its delivery log",
      tag: "webhooks",
      access: "admin",
      errors: [403, 404],
      handler: async ({ params, actor }) => {
        await deleteWebhook(deps, actor, params.ref ?? "");
        return { status: 204, body: null };
      },
    }),
    defineRoute({
      method: "get",
      path: "/webhooks/:ref/deliveries",
      summary: "List a webhook's deliveries, newest first",
      tag: "webhooks",
      access: "admin",
      errors: [404],
      query: z.object({ limit: schemas.limit }),
      handler: async ({ params, query }) => {
        const webhook = await findWebhook(deps, params.ref ?? "");
        return { status: 200, body: { items: await deps.store.webhooks.listDeliveries(webhook.id, query.limit) } };
      },
    }),
    defineRoute({
      method: "post",
      path: "/webhooks/:ref/test",
      successStatus: 200,
      summary: "Send a ping to a webhook now",
      tag: "webhooks",
      access: "admin",
      errors: [403, 404],
      handler: async ({ params, actor }) => ({ status: 200, body: { delivery: await sendTestPing(deps, actor, params.ref ?? "") } }),
    }),
  ];
}
