import { InputError } from "../errors.ts";

const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** @throws InputError `CREDENTIAL_NAME_INVALID` */
export function checkCredentialName(raw: string): string {
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
