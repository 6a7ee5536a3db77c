import type { Actor } from "../access/actor.ts";
import { requireAdmin } from "../access/require-admin.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { CoreDeps } from "../deps.ts";
import { attemptDelivery } from "./attempt-delivery.ts";
import { findWebhook } from "./find-webhook.ts";
import { pendingDelivery } from "./notify.ts";
import { defaultRetryPolicy } from "./retry-policy.ts";
import type { WebhookDelivery } from "./webhook.ts";

/**
 * Sends a `ping` to one webhook now (even an inactive one) and returns the logged delivery;
 * a failed ping is retried like any delivery.
 * @throws NotFoundError `WEBHOOK_NOT_FOUND`; AuthError `FORBIDDEN`
 */
export async function sendTestPing(deps: CoreDeps, actor: Actor, ref: string): Promise<WebhookDelivery> {
  requireAdmin(actor, "test webhooks");
  const webhook = await findWebhook(deps, ref);
  const now = deps.now();
  const ping = pendingDelivery(
    deps.newId(),
    webhook.id,
    "ping",
    { webhook: { id: webhook.id, name: webhook.name }, sentBy: actor.username },
    now.toISOString(),
  );
  await deps.store.webhooks.insertDelivery(ping);
  const leaseUntil = new Date(now.getTime() + defaultRetryPolicy.leaseMs).toISOString();
  await deps.store.webhooks.claimDelivery(ping.id, ping.createdAt, leaseUntil);
  const result = await attemptDelivery(deps, webhook, ping, now, defaultRetryPolicy);
  await recordAudit(deps, actor, {
    action: "webhook.test",
    targetType: "webhook",
    targetId: webhook.id,
    targetName: webhook.name,
    outcome: result.status === "delivered" ? "success" : "failure",
    detail: { deliveryId: ping.id, responseStatus: result.responseStatus, error: result.error },
  });
  return result;
}
