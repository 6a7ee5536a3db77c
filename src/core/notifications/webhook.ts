/** Events a webhook may subscribe to (the fixed list the API, CLI and web offer). */
export const webhookEvents = [
  "connection.status_changed",
  "credential.expiring",
  "credential.expired",
  "credential.revoked",
  "rotation.completed",
] as const;

/** Subscription filters: an event, or `*` for every event. */
export const webhookEventFilters = [...webhookEvents, "*"] as const;

/** The rule a signing secret must meet, stated next to the field before anyone errs (checked by the server). */
export const webhookSecretRule = "16 to 1024 characters, no control characters; use a long random value.";

/** One subscription filter of a webhook. */
export type WebhookEventFilter = (typeof webhookEventFilters)[number];

/** An event Repolink announces (`ping` only reaches the webhook it tests). */
export type NotificationEvent = Exclude<WebhookEventFilter, "*"> | "ping";

/**
 * An outgoing webhook. Its HMAC key lives only in `secretBox`, sealed with
 * `webhookAad(id)` as associated data; lists show `secretPreview`.
 */
export interface Webhook {
  id: string;
  name: string;
  url: string;
  secretBox: string;
  kekId: string;
  secretPreview: string;
  events: WebhookEventFilter[];
  /** Lets deliveries reach private, loopback and link-local addresses (set by an admin). */
  allowPrivateNetwork: boolean;
  active: boolean;
  createdBy: string;
  createdAt: string;
}

/** Where a delivery stands: waiting for its next attempt, done, or given up. */
export type DeliveryStatus = "pending" | "delivered" | "failed";

/** One event sent (or to be sent) to one webhook, with its attempts so far. */
export interface WebhookDelivery {
  id: string;
  webhookId: string;
  event: NotificationEvent;
  /** The `data` of the body; secret-free. */
  payload: Record<string, unknown>;
  attempt: number;
  status: DeliveryStatus;
  responseStatus: number | null;
  /** Why the last attempt failed (an error code or HTTP status; never a secret). */
  error: string | null;
  /** When the next attempt is due; null once delivered or failed. */
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
  /**
   * What the delivery is about, unique per webhook (`cycle:ID`, `expiry:CREDENTIAL:VERSION:THRESHOLD`), so no
   * retried job or second instance queues it twice; null for pings.
   */
  dedupeKey: string | null;
}

/** Where a page of a webhook's deliveries ended (its last row). */
export interface DeliveryCursor {
  createdAt: string;
  id: string;
}

/** Fields of a delivery an attempt changes. */
export type DeliveryPatch = Partial<
  Pick<WebhookDelivery, "attempt" | "status" | "responseStatus" | "error" | "nextAttemptAt" | "deliveredAt">
>;

/** True when a webhook with these filters wants `event`. */
export function wantsEvent(webhook: Pick<Webhook, "events" | "active">, event: NotificationEvent): boolean {
  return webhook.active && (webhook.events.includes("*") || webhook.events.includes(event as WebhookEventFilter));
}

/** Associated data binding a webhook's sealed secret to its record. */
export function webhookAad(id: string): string {
  return `repolink/webhook/${id}`;
}
