import type { Actor } from "../access/actor.ts";
import { requireAdmin } from "../access/require-admin.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { CoreDeps } from "../deps.ts";
import { findWebhook } from "./find-webhook.ts";

/**
 * Deletes a webhook (by id or name) and its delivery log, audited; pending deliveries are dropped.
 * @throws NotFoundError `WEBHOOK_NOT_FOUND`; AuthError `FORBIDDEN`
 */
export async function deleteWebhook(deps: CoreDeps, actor: Actor, ref: string): Promise<void> {
  requireAdmin(actor, "remove webhooks");
  const webhook = await findWebhook(deps, ref);
  await deps.store.transaction(async (store) => {
    await store.webhooks.delete(webhook.id);
    await recordAudit({ ...deps, store }, actor, {
      action: "webhook.delete",
      targetType: "webhook",
      targetId: webhook.id,
      targetName: webhook.name,
      detail: { url: webhook.url },
    });
  });
}
