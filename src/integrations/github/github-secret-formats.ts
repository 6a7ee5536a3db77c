import { classifyAppKey } from "./app/classify-app-key.ts";
import { InputError } from "../../core/errors.ts";
import type { SecretFormats } from "../../core/ports/integration.ts";
import { classifyToken } from "./classify-token.ts";
import { previewToken } from "./preview-token.ts";

/**
 * GitHub's token formats: prefix, length and CRC-32 checksum are checked offline (pasted
 * whitespace and `Bearer ` stripped), and `gh?_` / `github_pat_` tokens are redacted from logs.
 */
export const githubSecretFormats: SecretFormats = {
  classifyToken(secret) {
    const classified = classifyToken(secret);
    if (!classified.ok) throw new InputError(classified.code, classified.message, "secret");
    return { token: classified.normalized, preview: previewToken(classified.normalized), tokenType: classified.type };
  },
  looksLikeToken(value) {
    const token = classifyToken(value.trim());
    // Only tokens whose checksum holds, or fine-grained ones (a strict 93-character shape): a plain word never passes by chance.
    return token.ok && (token.checksum === "valid" || token.type === "fine-grained-pat");
  },
  classifyAppKey,
  redactionPatterns: [/\b(gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,255})\b/g],
};
