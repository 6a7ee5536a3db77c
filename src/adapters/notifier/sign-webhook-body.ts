import { createHmac } from "node:crypto";
import type { Secret } from "../../core/secret.ts";

/**
 * The `X-Repolink-Signature-256` value of a body: `sha256=` and the hex HMAC-SHA256 of the
 * raw bytes under the webhook's secret, as GitHub's `X-Hub-Signature-256`
 * (https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries).
 */
export function signWebhookBody(secret: Secret, body: string): string {
  return `sha256=${createHmac("sha256", secret.reveal()).update(body, "utf8").digest("hex")}`;
}
