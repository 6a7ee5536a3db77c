import type { CoreDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { recordDeliveryOutcome } from "./record-delivery-outcome.ts";
import { type RetryPolicy, retryDelayMs } from "./retry-policy.ts";
import { type DeliveryPatch, type Webhook, type WebhookDelivery, webhookAad } from "./webhook.ts";

/** Failures no retry can mend: the address is refused by policy, or the secret cannot be opened. */
const permanentCodes = new Set(["HOST_ADDRESS_REFUSED", "SECRET_INTEGRITY", "WEBHOOK_URL_REFUSED"]);

/** The body of every delivery, exactly as it is signed. */
export function deliveryBody(delivery: WebhookDelivery, deliveredAt: string): string {
  return JSON.stringify({ event: delivery.event, deliveredAt, data: delivery.payload });
}

/**
 * Sends one delivery now and records the outcome: delivered on a 2xx, else retried after
 * the policy's delay until its attempts run out. Never throws for a failed send.
 * @returns the delivery as stored afterwards
 */
export async function attemptDelivery(
  deps: Pick<CoreDeps, "store" | "cipher" | "notifier">,
  webhook: Webhook,
  delivery: WebhookDelivery,
  now: Date,
  policy: RetryPolicy,
): Promise<WebhookDelivery> {
  const attempt = delivery.attempt + 1;
  const at = now.toISOString();
  // Half the claim's lease: the outcome is stored well before another instance may take the delivery again.
  const recordUntil = Date.now() + policy.leaseMs / 2;
  let patch: DeliveryPatch;
  try {
    if (!deps.notifier) throw new AppError("internal", "NOTIFIER_MISSING", "No notifier is configured.");
    const secret = deps.cipher.open(webhook.secretBox, webhookAad(webhook.id));
    const { status } = await deps.notifier.send({
      url: webhook.url,
      allowPrivateNetwork: webhook.allowPrivateNetwork,
      secret,
      event: delivery.event,
      deliveryId: delivery.id,
      body: deliveryBody(delivery, at),
    });
    patch =
      status >= 200 && status < 300
        ? { attempt, status: "delivered", responseStatus: status, error: null, nextAttemptAt: null, deliveredAt: at }
        : failure(attempt, now, policy, `HTTP ${status}`, status, false);
  } catch (error) {
    const code = error instanceof AppError ? error.code : "INTERNAL";
    patch = failure(attempt, now, policy, code, null, permanentCodes.has(code));
    // A sealed store is Repolink's own state, not the receiver's: wait without using up an attempt.
    if (code === "STORE_SEALED")
      patch = {
        ...patch,
        attempt: delivery.attempt,
        status: "pending",
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(policy, 1)).toISOString(),
      };
  }
  await recordDeliveryOutcome(deps, delivery.id, patch, recordUntil);
  return { ...delivery, ...patch };
}

function failure(
  attempt: number,
  now: Date,
  policy: RetryPolicy,
  error: string,
  responseStatus: number | null,
  permanent: boolean,
): DeliveryPatch {
  if (permanent || attempt >= policy.maxAttempts) {
    return { attempt, status: "failed", responseStatus, error, nextAttemptAt: null };
  }
  const next = new Date(now.getTime() + retryDelayMs(policy, attempt)).toISOString();
  return { attempt, status: "pending", responseStatus, error, nextAttemptAt: next };
}
