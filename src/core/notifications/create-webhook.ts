import { checkNotASecret } from "../text/check-not-a-secret.ts";
import type { Actor } from "../access/actor.ts";
import { requireAdmin } from "../access/require-admin.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { CoreDeps } from "../deps.ts";
import { AppError, AuthError, InputError } from "../errors.ts";
import { Secret } from "../secret.ts";
import { checkWebhookEvents, checkWebhookName, checkWebhookSecret, checkWebhookUrl } from "./check-webhook-input.ts";
import { type Webhook, webhookAad } from "./webhook.ts";

/** A webhook as the API or CLI submits it. */
export interface NewWebhook {
  name: string;
  url: string;
  secret: string;
  events?: string[];
  allowPrivateNetwork?: boolean;
  active?: boolean;
}

/**
 * Checks, seals and stores a webhook (admins only); audits the attempt either way.
 * A URL on a private address is refused unless `allowPrivateNetwork` is set.
 * @throws InputError `WEBHOOK_NAME_INVALID`, `WEBHOOK_URL_INVALID`, `WEBHOOK_URL_REFUSED`,
 *   `WEBHOOK_SECRET_INVALID`, `WEBHOOK_EVENTS_INVALID`; ConflictError `WEBHOOK_NAME_TAKEN`; AuthError `FORBIDDEN`
 */
export async function createWebhook(deps: CoreDeps, actor: Actor, input: NewWebhook): Promise<Webhook> {
  const name = input.name.trim().slice(0, 64);
  try {
    requireAdmin(actor, "add webhooks");
    const allowPrivateNetwork = input.allowPrivateNetwork === true;
    checkNotASecret(input.url, "url", deps.integrations);
    const url = checkWebhookUrl(input.url);
    const secret = new Secret(checkWebhookSecret(input.secret));
    const webhook: Omit<Webhook, "secretBox" | "kekId"> = {
      id: deps.newId(),
      name: checkWebhookName(input.name, deps.integrations),
      url,
      secretPreview: `…${secret.reveal().slice(-4)}`,
      events: checkWebhookEvents(input.events),
      allowPrivateNetwork,
      active: input.active ?? true,
      createdBy: actor.username,
      createdAt: deps.now().toISOString(),
    };
    await checkReachable(deps, url, allowPrivateNetwork);
    const sealed = deps.cipher.seal(secret, webhookAad(webhook.id));
    const stored: Webhook = { ...webhook, secretBox: sealed.box, kekId: sealed.kekId };
    await deps.store.transaction(async (store) => {
      await store.webhooks.insert(stored);
      await recordAudit({ ...deps, store }, actor, {
        action: "webhook.create",
        targetType: "webhook",
        targetId: stored.id,
        targetName: stored.name,
        detail: { url, events: stored.events, allowPrivateNetwork, active: stored.active },
      });
    });
    return stored;
  } catch (error) {
    await recordAudit(deps, actor, {
      action: "webhook.create",
      targetType: "webhook",
      // A name refused as a secret is not written down.
      targetName: error instanceof AppError && error.code === "SECRET_IN_WRONG_FIELD" ? null : name,
      outcome: error instanceof AuthError ? "denied" : "failure",
      detail: { code: (error as { code?: string }).code ?? "INTERNAL" },
    });
    throw error;
  }
}

/** Refuses a URL whose address the deliveries would refuse; an unreachable name is let through (DNS may be down now). */
async function checkReachable(deps: CoreDeps, url: string, allowPrivateNetwork: boolean): Promise<void> {
  try {
    await deps.notifier?.checkUrl(url, allowPrivateNetwork);
  } catch (error) {
    if (error instanceof AppError && error.code === "HOST_UNREACHABLE") return;
    if (error instanceof AppError && error.code === "HOST_ADDRESS_REFUSED") {
      throw new InputError(
        "WEBHOOK_URL_REFUSED",
        "The URL points to a private, loopback or link-local address; allow private-network addresses for this webhook to use it.",
        "url",
      );
    }
    throw error;
  }
}
