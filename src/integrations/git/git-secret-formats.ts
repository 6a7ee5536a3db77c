import type { SecretFormats } from "../../core/ports/integration.ts";

/**
 * A generic Git server takes any password or token over Basic auth, so no format is checked
 * and nothing of the value is shown: a password's last characters are part of the password.
 * Only the line break a paste or `echo` adds is dropped.
 */
export const gitSecretFormats: SecretFormats = {
  classifyToken(secret) {
    return { token: secret.replace(/\r?\n$/, ""), preview: "password (hidden)", tokenType: null };
  },
  // Any text may be a password, so nothing is certainly one: fields shown in clear are not refused for looking like it.
  looksLikeToken: () => false,
  // No format to recognise: the redactor still masks every secret Repolink has seen (Secret.remember).
  redactionPatterns: [],
};
