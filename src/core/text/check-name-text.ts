import { InputError } from "../errors.ts";
import { checkNotASecret, type TokenFormats } from "./check-not-a-secret.ts";
import { hasUnsafeCharacters } from "./has-unsafe-characters.ts";

/**
 * The one check every name-like field passes first (credential, repository, host, webhook, API token and
 * user names, git usernames): no secret (`checkNotASecret`), and no character that acts instead of
 * showing — C0/C1 controls, bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069), lone surrogates.
 * Each field's own pattern is checked after it. The message never repeats the value.
 * @throws InputError `SECRET_IN_WRONG_FIELD`, `NAME_UNSAFE_CHARACTERS` naming `field`
 */
export function checkNameText(value: string | null | undefined, field: string, tokens: TokenFormats): void {
  checkNotASecret(value, field, tokens);
  if (value && hasUnsafeCharacters(value)) {
    throw new InputError(
      "NAME_UNSAFE_CHARACTERS",
      `${field} holds a control character, a bidirectional override or a lone surrogate; ` +
        "names are shown to other people and on terminals, so only printable text is accepted.",
      field,
    );
  }
}
