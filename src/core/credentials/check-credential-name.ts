import { InputError } from "../errors.ts";
import type { TokenFormats } from "../text/check-not-a-secret.ts";
import { checkNameText } from "../text/check-name-text.ts";
import { hasUnsafeCharacters } from "../text/has-unsafe-characters.ts";

const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** @throws InputError `CREDENTIAL_NAME_INVALID`, `SECRET_IN_WRONG_FIELD` */
export function checkCredentialName(raw: string, tokens: TokenFormats): string {
  checkNameText(raw, "name", tokens);
  const name = raw.trim();
  if (!namePattern.test(name)) {
    throw new InputError(
      "CREDENTIAL_NAME_INVALID",
      "name must be 1–64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit.",
      "name",
    );
  }
  return name;
}

/**
 * The user name git sends with a credential's secret, trimmed; null when empty.
 * @throws InputError `USERNAME_INVALID`, `SECRET_IN_WRONG_FIELD`
 */
export function checkCredentialUsername(raw: string | null | undefined, tokens: TokenFormats): string | null {
  const username = raw?.trim() || null;
  if (username === null) return null;
  checkNameText(username, "username", tokens);
  if (username.length > 100 || /[\s:]/.test(username) || hasUnsafeCharacters(username)) {
    throw new InputError(
      "USERNAME_INVALID",
      "username must be at most 100 characters, without spaces, ':' or control characters.",
      "username",
    );
  }
  return username;
}
