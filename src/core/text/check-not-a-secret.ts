import { InputError } from "../errors.ts";
import type { IntegrationRegistry } from "../ports/integration.ts";

const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
const API_TOKEN = /rlk_[0-9a-f]{16}_/;
// Where a token could hide inside a longer value (a URL's userinfo, path or query, a sentence): its word-like runs.
const PIECES = /[A-Za-z0-9_]{20,}/g;

/** Who knows the token formats: the registered host kinds. */
export type TokenFormats = Pick<IntegrationRegistry, "looksLikeToken">;

/** True when `value` holds what looks like a secret (see `checkNotASecret`); for text that is recorded, never refused. */
export function looksLikeSecret(value: string, tokens: TokenFormats): boolean {
  if (tokens.looksLikeToken(value.trim()) || PRIVATE_KEY.test(value) || API_TOKEN.test(value)) return true;
  return [...value.matchAll(PIECES)].some(([piece]) => tokens.looksLikeToken(piece));
}

/**
 * Refuses a secret pasted into a field that is stored and shown in clear (a name, a username,
 * a description, a URL): a token of a registered host kind (GitHub: its checksum holds), a private
 * key or a Repolink API token, whole or inside the value (a URL's userinfo, path or query).
 * The message never repeats the value.
 * @throws InputError `SECRET_IN_WRONG_FIELD` naming `field`
 */
export function checkNotASecret(value: string | null | undefined, field: string, tokens: TokenFormats): void {
  if (value && looksLikeSecret(value, tokens)) {
    throw new InputError(
      "SECRET_IN_WRONG_FIELD",
      `${field} holds what looks like a secret (a token or a private key); ` +
        `a secret goes only in the secret field, from stdin or a file, and this one should now be treated as exposed.`,
      field,
    );
  }
}
