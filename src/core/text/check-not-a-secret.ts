import { InputError } from "../errors.ts";
import { classifyToken } from "../../integrations/github/classify-token.ts";

const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
const API_TOKEN = /^rlk_[0-9a-f]{16}_/;

function looksLikeSecret(value: string): boolean {
  const trimmed = value.trim();
  const token = classifyToken(trimmed);
  // Only tokens whose checksum holds, or fine-grained ones (a strict 93-character shape): a plain word never passes by chance.
  if (token.ok && (token.checksum === "valid" || token.type === "fine-grained-pat")) return true;
  return PRIVATE_KEY.test(value) || API_TOKEN.test(trimmed);
}

/**
 * Refuses a secret pasted into a field that is stored and shown in clear (a name, a username,
 * a description): a GitHub token whose checksum holds, a private key or a Repolink API token.
 * The message never repeats the value.
 * @throws InputError `SECRET_IN_WRONG_FIELD` naming `field`
 */
export function checkNotASecret(value: string | null | undefined, field: string): void {
  if (value && looksLikeSecret(value)) {
    throw new InputError(
      "SECRET_IN_WRONG_FIELD",
      `${field} holds what looks like a secret (a token or a private key); a secret goes only in the secret field, from stdin or a file, and this one should now be treated as exposed.`,
      field,
    );
  }
}
