import type { CoreDeps } from "../deps.ts";
import { attemptDelivery } from "./attempt-delivery.ts";
import { defaultRetryPolicy, type RetryPolicy } from "./retry-policy.ts";
import type { DeliveryStatus } from "./webhook.ts";

/** What one `deliverDue` run did. */
export interface DeliveryRunReport {
  attempted: number;
  outcomes: Record<DeliveryStatus, number>;
}

/**
 * Sends every delivery whose next attempt is due at `now`, oldest first, at most `limit`.
 * Each is claimed first, so several workers (or instances) never send one twice at once,
 * and a worker that dies mid-send leaves it due again once the lease ends.
 * Without a notifier it does nothing: deliveries wait in the log.
 */
export async function deliverDue(
  deps: Pick<CoreDeps, "store" | "cipher" | "notifier">,
  now: Date,
  options: { policy?: RetryPolicy; limit?: number } = {},
): Promise<DeliveryRunReport> {
  const policy = options.policy ?? defaultRetryPolicy;
  const report: DeliveryRunReport = { attempted: 0, outcomes: { pending: 0, delivered: 0, failed: 0 } };
  if (!deps.notifier) return report;
  const at = now.toISOString();
  const leaseUntil = new Date(now.getTime() + policy.leaseMs).toISOString();
  for (const delivery of await deps.store.webhooks.listDueDeliveries(at, options.limit ?? 100)) {
    if (delivery.nextAttemptAt === null) continue;
    if (!(await deps.store.webhooks.claimDelivery(delivery.id, delivery.nextAttemptAt, leaseUntil))) continue;
    const webhook = await deps.store.webhooks.findById(delivery.webhookId);
    if (!webhook) continue;
    const result = await attemptDelivery(deps, webhook, delivery, now, policy);
    report.attempted += 1;
    report.outcomes[result.status] += 1;
  }
  return report;
}
