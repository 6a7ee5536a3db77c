import { InputError } from "../errors.ts";
import type { SecretFormats, SecretInput } from "../ports/integration.ts";
import { Secret } from "../secret.ts";
import type { CredentialSecretPayload } from "./credential.ts";
import { hasControlCharacters } from "../text/has-control-characters.ts";

const maxTokenLength = 4096;
const maxKeyLength = 16384;
const privateKeyPattern = /^-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----\r?\n[\s\S]+\r?\n-----END \1PRIVATE KEY-----\s*$/;

export type { SecretInput };

/** A masked preview of a token of no known format: the last 4 characters of a long one. */
const previewOther = (token: string) => (token.length >= 12 ? `…${token.slice(-4)}` : "…");

/**
 * Checks a submitted secret offline and returns what to seal plus a masked preview. A token
 * must also pass the formats of its host's kind (`formats`; GitHub: prefix and checksum),
 * which strip pasted whitespace and `Bearer `; `null` (the host is gone) checks only length.
 * @throws InputError `SECRET_REQUIRED`, `SECRET_TOO_LONG`, the kind's codes (`TOKEN_CHECKSUM_MISMATCH`…), `SSH_KEY_INVALID`…
 */
export function checkSecretInput(
  input: SecretInput,
  formats: SecretFormats | null,
): { payload: CredentialSecretPayload; preview: string; tokenType: string | null } {
  if (input.kind === "token") {
    if (input.secret.trim() === "") throw new InputError("SECRET_REQUIRED", "secret is required: paste the token on stdin.", "secret");
    if (input.secret.length > maxTokenLength) {
      throw new InputError("SECRET_TOO_LONG", `secret must be at most ${maxTokenLength} characters.`, "secret");
    }
    Secret.remember(input.secret);
    const classified = formats?.classifyToken(input.secret) ?? {
      token: input.secret.trim(),
      preview: previewOther(input.secret.trim()),
      tokenType: null,
    };
    if (hasControlCharacters(classified.token)) {
      throw new InputError("SECRET_INVALID_CHARS", "secret must not contain control characters.", "secret");
    }
    Secret.remember(classified.token);
    return { payload: { kind: "token", token: classified.token }, preview: classified.preview, tokenType: classified.tokenType };
  }
  if (input.privateKey.length > maxKeyLength) {
    throw new InputError("SSH_KEY_TOO_LONG", `key must be at most ${maxKeyLength} characters.`, "key");
  }
  Secret.remember(input.privateKey);
  if (input.passphrase !== null) Secret.remember(input.passphrase);
  const key = input.privateKey.replace(/\r\n/g, "\n").trim() + "\n";
  const match = privateKeyPattern.exec(key);
  if (!match) {
    throw new InputError("SSH_KEY_INVALID", "key must be a private key in OpenSSH or PEM form (-----BEGIN … PRIVATE KEY-----).", "key");
  }
  if (input.passphrase !== null && input.passphrase.length > 1024) {
    throw new InputError("PASSPHRASE_TOO_LONG", "passphrase must be at most 1024 characters.", "passphrase");
  }
  const format = match[1]?.trim() || "PKCS#8";
  return { payload: { kind: "ssh-key", privateKey: key, passphrase: input.passphrase }, preview: `${format} private key`, tokenType: null };
}
