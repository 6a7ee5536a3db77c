import type { WebhookDelivery } from "./webhook.ts";

/** Why an attempt failed, in plain words, by the code `attemptDelivery` records. */
const reasons: Record<string, string> = {
  HOST_UNREACHABLE: "the receiver could not be reached (no answer, connection refused or timed out)",
  HOST_ADDRESS_REFUSED: "the URL points to a private-network address and this webhook does not allow one",
  HOST_REDIRECT_REFUSED: "the receiver redirected to another address, which Repolink does not follow",
  WEBHOOK_URL_REFUSED: "the URL points to a private-network address and this webhook does not allow one",
  SECRET_INTEGRITY: "the webhook's signing secret could not be opened",
  STORE_SEALED: "the store is sealed (no master key yet)",
  NOTIFIER_MISSING: "this instance does not send webhooks",
};

function why(delivery: Pick<WebhookDelivery, "responseStatus" | "error">): string {
  if (delivery.responseStatus !== null) return `the receiver answered HTTP ${delivery.responseStatus}`;
  return reasons[delivery.error ?? ""] ?? "an internal error stopped it";
}

/**
 * What happened to a delivery, in one plain sentence for the log and the test-ping result (UI and CLI).
 * @example deliveryOutcome(failedPing) // "Failed after 1 attempt: the receiver could not be reached (…)."
 */
export function deliveryOutcome(
  delivery: Pick<WebhookDelivery, "status" | "attempt" | "responseStatus" | "error" | "nextAttemptAt">,
): string {
  const attempts = `${delivery.attempt} attempt${delivery.attempt === 1 ? "" : "s"}`;
  if (delivery.status === "delivered") return `Delivered: the receiver answered HTTP ${delivery.responseStatus ?? "2xx"}.`;
  if (delivery.status === "failed") return `Failed after ${attempts}: ${why(delivery)}.`;
  if (delivery.attempt === 0) return "Waiting to be sent.";
  return `Not delivered yet (${attempts}): ${why(delivery)}; it will be retried at ${delivery.nextAttemptAt ?? "the next run"}.`;
}
