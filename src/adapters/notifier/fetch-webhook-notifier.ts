import type { Notifier, WebhookRequest } from "../../core/notifications/notifier.ts";
import { checkUrlAllowed, createGuardedFetch } from "../net/guarded-fetch.ts";
import type { HostResolver } from "../net/resolve-allowed-addresses.ts";
import { signWebhookBody } from "./sign-webhook-body.ts";

/** Options of the webhook sender; `lookup` replaces DNS in tests. */
export interface FetchWebhookNotifierOptions {
  userAgent?: string;
  timeoutMs?: number;
  lookup?: HostResolver;
}

/**
 * Posts signed webhook deliveries through the guarded fetch: private addresses are refused
 * unless the webhook allows them, redirects never leave the origin, and each request has a deadline.
 */
export class FetchWebhookNotifier implements Notifier {
  readonly #fetchers = new Map<boolean, typeof fetch>();
  readonly #options: FetchWebhookNotifierOptions;

  constructor(options: FetchWebhookNotifierOptions = {}) {
    this.#options = options;
  }

  /** @throws UpstreamError `HOST_ADDRESS_REFUSED`, `HOST_UNREACHABLE`, `HOST_REDIRECT_REFUSED` */
  async send(request: WebhookRequest): Promise<{ status: number }> {
    const response = await this.#fetcher(request.allowPrivateNetwork)(request.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": this.#options.userAgent ?? "repolink-webhook",
        "x-repolink-event": request.event,
        "x-repolink-delivery": request.deliveryId,
        "x-repolink-signature-256": signWebhookBody(request.secret, request.body),
      },
      body: request.body,
    });
    // The receiver's answer is not kept: only its status matters, and bodies may echo anything.
    await response.body?.cancel().catch(() => undefined);
    return { status: response.status };
  }

  /** @throws UpstreamError `HOST_ADDRESS_REFUSED` or `HOST_UNREACHABLE` */
  async checkUrl(url: string, allowPrivateNetwork: boolean): Promise<void> {
    await checkUrlAllowed(url, allowPrivateNetwork, this.#options.lookup ? { lookup: this.#options.lookup } : {});
  }

  #fetcher(allowPrivateNetwork: boolean): typeof fetch {
    let fetcher = this.#fetchers.get(allowPrivateNetwork);
    if (!fetcher) {
      fetcher = createGuardedFetch({
        allowPrivateNetwork,
        timeoutMs: this.#options.timeoutMs ?? 10_000,
        ...(this.#options.lookup ? { lookup: this.#options.lookup } : {}),
      });
      this.#fetchers.set(allowPrivateNetwork, fetcher);
    }
    return fetcher;
  }
}
