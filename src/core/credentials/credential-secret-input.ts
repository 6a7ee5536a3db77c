import { InputError } from "../errors.ts";
import type { SecretFormats, SecretInput } from "../ports/integration.ts";
import type { SshKeyInspector } from "../ports/ssh-key-inspector.ts";
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
 * An SSH key must open with its passphrase (`sshKeys`); its preview is its type and fingerprint.
 * @throws InputError `SECRET_REQUIRED`, `SECRET_TOO_LONG`, the kind's codes (`TOKEN_CHECKSUM_MISMATCH`…),
 *   `SSH_KEY_INVALID`, `SSH_KEY_PASSPHRASE_REQUIRED`, `SSH_KEY_PASSPHRASE_WRONG`…
 */
export async function checkSecretInput(
  input: SecretInput,
  formats: SecretFormats | null,
  sshKeys: SshKeyInspector,
): Promise<{ payload: CredentialSecretPayload; preview: string; tokenType: string | null }> {
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
  if (input.kind === "github-app") return checkAppInput(input, formats);
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
  const facts = await sshKeys.inspect(key, input.passphrase);
  return {
    payload: { kind: "ssh-key", privateKey: key, passphrase: input.passphrase },
    preview: `${facts.keyType} ${facts.fingerprint}`,
    tokenType: null,
  };
}

const appIdPattern = /^(?:[1-9]\d{0,11}|Iv[0-9A-Za-z.]{4,40})$/;

/** A GitHub App's ID (or client ID), private key and optional installation ID, checked offline by the host's kind. */
function checkAppInput(
  input: Extract<SecretInput, { kind: "github-app" }>,
  formats: SecretFormats | null,
): { payload: CredentialSecretPayload; preview: string; tokenType: string | null } {
  Secret.remember(input.privateKey);
  if (!formats?.classifyAppKey) {
    throw new InputError("CREDENTIAL_KIND_UNSUPPORTED", "A GitHub App credential must be bound to a GitHub host (--host).", "host");
  }
  const appId = (input.appId ?? "").trim();
  if (!appIdPattern.test(appId)) {
    throw new InputError(
      "APP_ID_INVALID",
      "app-id must be the App's numeric ID or its client ID (Iv…), from the App's settings page.",
      "app-id",
    );
  }
  const installationId = input.installationId?.trim() || null;
  if (installationId !== null && !/^[1-9]\d{0,15}$/.test(installationId)) {
    throw new InputError(
      "INSTALLATION_ID_INVALID",
      "installation-id must be a number (the end of the installation's settings URL).",
      "installation-id",
    );
  }
  if (input.privateKey.length > maxKeyLength) {
    throw new InputError("APP_KEY_INVALID", `private-key must be at most ${maxKeyLength} characters.`, "private-key");
  }
  const key = formats.classifyAppKey(input.privateKey);
  Secret.remember(key.privateKey);
  return { payload: { kind: "github-app", appId, privateKey: key.privateKey, installationId }, preview: key.preview, tokenType: null };
}
