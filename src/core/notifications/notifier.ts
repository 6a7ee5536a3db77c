import type { Secret } from "../secret.ts";

/** One signed HTTP delivery to a webhook. */
export interface WebhookRequest {
  url: string;
  allowPrivateNetwork: boolean;
  /** The HMAC key; only the adapter reveals it, to sign `body`. */
  secret: Secret;
  event: string;
  deliveryId: string;
  /** The exact bytes sent and signed. */
  body: string;
}

/**
 * Sends webhook deliveries over the network (through the SSRF guard).
 * Implemented by FetchWebhookNotifier.
 */
export interface Notifier {
  /**
   * Posts one delivery and reports the receiver's HTTP status.
   * @throws UpstreamError `HOST_ADDRESS_REFUSED`, `HOST_UNREACHABLE`, `HOST_REDIRECT_REFUSED`
   */
  send(request: WebhookRequest): Promise<{ status: number }>;
  /**
   * Checks a URL as a delivery would, without connecting.
   * @throws UpstreamError `HOST_ADDRESS_REFUSED` or `HOST_UNREACHABLE`
   */
  checkUrl(url: string, allowPrivateNetwork: boolean): Promise<void>;
}
