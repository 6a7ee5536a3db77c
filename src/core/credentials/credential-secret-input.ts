import { classifyToken } from "../../integrations/github/classify-token.ts";
import { previewToken } from "../../integrations/github/preview-token.ts";
import { InputError } from "../errors.ts";
import { Secret } from "../secret.ts";
import type { CredentialSecretPayload } from "./credential.ts";
import { hasControlCharacters } from "../text/has-control-characters.ts";

const maxTokenLength = 4096;
const maxKeyLength = 16384;
const privateKeyPattern = /^-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----\r?\n[\s\S]+\r?\n-----END \1PRIVATE KEY-----\s*$/;

/** A secret as submitted, before it is checked. */
export type SecretInput = { kind: "token"; secret: string } | { kind: "ssh-key"; privateKey: string; passphrase: string | null };

/**
 * Checks a submitted secret offline and returns what to seal plus a masked preview.
 * GitHub-shaped tokens must pass GitHub's checksum; pasted whitespace and `Bearer ` are stripped.
 * @throws InputError `SECRET_REQUIRED`, `SECRET_TOO_LONG`, `TOKEN_CHECKSUM_MISMATCH`, `TOKEN_TRUNCATED`, `SSH_KEY_INVALID`…
 */
export function checkSecretInput(input: SecretInput): { payload: CredentialSecretPayload; preview: string; tokenType: string | null } {
  if (input.kind === "token") {
    if (input.secret.trim() === "") throw new InputError("SECRET_REQUIRED", "secret is required: paste the token on stdin.", "secret");
    if (input.secret.length > maxTokenLength) {
      throw new InputError("SECRET_TOO_LONG", `secret must be at most ${maxTokenLength} characters.`, "secret");
    }
    Secret.remember(input.secret);
    const classified = classifyToken(input.secret);
    if (!classified.ok) throw new InputError(classified.code, classified.message, "secret");
    if (hasControlCharacters(classified.normalized)) {
      throw new InputError("SECRET_INVALID_CHARS", "secret must not contain control characters.", "secret");
    }
    Secret.remember(classified.normalized);
    return {
      payload: { kind: "token", token: classified.normalized },
      preview: previewToken(classified.normalized),
      tokenType: classified.type,
    };
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
