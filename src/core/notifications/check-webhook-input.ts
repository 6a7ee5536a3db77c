import type { TokenFormats } from "../text/check-not-a-secret.ts";
import { checkNameText } from "../text/check-name-text.ts";
import { InputError } from "../errors.ts";
import { hasControlCharacters } from "../text/has-control-characters.ts";
import { type WebhookEventFilter, webhookEventFilters, webhookEvents } from "./webhook.ts";

const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** @throws InputError `WEBHOOK_NAME_INVALID` */
export function checkWebhookName(raw: string, tokens: TokenFormats): string {
  checkNameText(raw, "name", tokens);
  const name = raw.trim();
  if (!namePattern.test(name)) {
    throw new InputError(
      "WEBHOOK_NAME_INVALID",
      "The name must be 1–64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit.",
      "name",
    );
  }
  return name;
}

/** @throws InputError `WEBHOOK_URL_INVALID` for anything but an absolute http(s) URL without userinfo or fragment */
export function checkWebhookUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new InputError("WEBHOOK_URL_INVALID", "The URL must be a full web address starting with https:// (or http://).", "url");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new InputError("WEBHOOK_URL_INVALID", "The URL must start with https:// (or http://).", "url");
  if (url.username || url.password)
    throw new InputError(
      "WEBHOOK_URL_INVALID",
      "The URL must not contain a username or password; the signing secret proves who sends.",
      "url",
    );
  if (url.hash) throw new InputError("WEBHOOK_URL_INVALID", "The URL must not have a #fragment.", "url");
  if (url.href.length > 2048) throw new InputError("WEBHOOK_URL_INVALID", "The URL must be at most 2048 characters.", "url");
  return url.href;
}

/** @throws InputError `WEBHOOK_SECRET_INVALID` unless 16–1024 printable characters */
export function checkWebhookSecret(secret: string): string {
  // Never echo the value: the message names only the rule.
  if (secret.length < 16 || secret.length > 1024 || hasControlCharacters(secret)) {
    const rule = "The signing secret must be 16 to 1024 characters, with no control characters.";
    throw new InputError("WEBHOOK_SECRET_INVALID", rule, "secret");
  }
  return secret;
}

/** @throws InputError `WEBHOOK_EVENTS_INVALID` naming the unknown event */
export function checkWebhookEvents(events: readonly string[] | undefined): WebhookEventFilter[] {
  if (events === undefined) return ["*"];
  if (events.length === 0) throw new InputError("WEBHOOK_EVENTS_INVALID", "Choose at least one event (or all events).", "events");
  const unknown = events.find((e) => !(webhookEventFilters as readonly string[]).includes(e));
  if (unknown !== undefined) {
    throw new InputError(
      "WEBHOOK_EVENTS_INVALID",
      `"${unknown.slice(0, 64)}" is not an event Repolink sends. Events: ${webhookEvents.join(", ")} (or * for all).`,
      "events",
    );
  }
  return [...new Set(events)] as WebhookEventFilter[];
}
