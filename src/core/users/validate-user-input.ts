import { InputError } from "../errors.ts";
import type { TokenFormats } from "../text/check-not-a-secret.ts";
import { checkNameText } from "../text/check-name-text.ts";

const usernamePattern = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Normalises a username (lower case) and checks its form. @throws InputError `USERNAME_INVALID` */
export function normalizeUsername(raw: string, tokens: TokenFormats): string {
  checkNameText(raw, "username", tokens);
  const username = raw.trim().toLowerCase();
  if (!usernamePattern.test(username)) {
    throw new InputError(
      "USERNAME_INVALID",
      "username must be 1–64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit.",
      "username",
    );
  }
  return username;
}

/** @throws InputError `PASSWORD_TOO_SHORT` / `PASSWORD_TOO_LONG` (the password is never echoed) */
export function checkPassword(password: string): void {
  if (password.length < 10) {
    throw new InputError("PASSWORD_TOO_SHORT", "password must be at least 10 characters long.", "password");
  }
  if (password.length > 1024) {
    throw new InputError("PASSWORD_TOO_LONG", "password must be at most 1024 characters long.", "password");
  }
}
