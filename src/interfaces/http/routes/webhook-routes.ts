import type { CoreDeps } from "../../../core/deps.ts";
import { createWebhook } from "../../../core/notifications/create-webhook.ts";
import { deleteWebhook } from "../../../core/notifications/delete-webhook.ts";
import { listWebhookDeliveries } from "../../../core/notifications/list-webhook-deliveries.ts";
import { sendTestPing } from "../../../core/notifications/send-test-ping.ts";
import { webhookDeliveryView, webhookView } from "../../../core/notifications/webhook-view.ts";
import { webhookContract as routes } from "../../../contract/routes/webhook-contract.ts";
import type { ApiApp, Guard } from "../api-env.ts";

/** Outgoing webhooks (admins only): the secret goes in, only a preview comes out. */
export function webhookRoutes(app: ApiApp, guard: Guard, deps: CoreDeps): void {
  app.openapi(guard(routes.listWebhooks), async (c) => c.json({ items: (await deps.store.webhooks.list()).map(webhookView) }, 200));
  app.openapi(guard(routes.createWebhook), async (c) =>
    c.json({ webhook: webhookView(await createWebhook(deps, c.get("actor"), c.req.valid("json"))) }, 201),
  );
  app.openapi(guard(routes.deleteWebhook), async (c) => {
    await deleteWebhook(deps, c.get("actor"), c.req.valid("param").ref);
    return c.body(null, 204);
  });
  app.openapi(guard(routes.listWebhookDeliveries), async (c) =>
    c.json(await listWebhookDeliveries(deps, c.req.valid("param").ref, c.req.valid("query")), 200),
  );
  app.openapi(guard(routes.testWebhook), async (c) =>
    c.json({ delivery: webhookDeliveryView(await sendTestPing(deps, c.get("actor"), c.req.valid("param").ref)) }, 200),
  );
}
