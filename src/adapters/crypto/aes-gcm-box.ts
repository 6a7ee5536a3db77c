import { createCipheriv, createDecipheriv, type CipherKey } from "node:crypto";

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = "aes-256-gcm";

/** Encrypts `plaintext` with AES-256-GCM and returns `nonce | ciphertext | tag`. */
export function gcmSeal(key: CipherKey, nonce: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const body = cipher.update(plaintext);
  cipher.final();
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

/**
 * Decrypts `nonce | ciphertext | tag`; returns undefined when the tag does not verify, and
 * never returns unauthenticated bytes.
 */
export function gcmOpen(key: CipherKey, packed: Buffer, aad: Buffer): Buffer | undefined {
  if (packed.length < NONCE_BYTES + TAG_BYTES) return undefined;
  const nonce = packed.subarray(0, NONCE_BYTES);
  const tag = packed.subarray(packed.length - TAG_BYTES);
  const decipher = createDecipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  const body = decipher.update(packed.subarray(NONCE_BYTES, packed.length - TAG_BYTES));
  try {
    decipher.final();
    return body;
  } catch {
    // GCM releases bytes before the tag is checked; they must not outlive a failed check.
    body.fill(0);
    return undefined;
  }
}

/** Decodes canonical unpadded base64url only, so no altered character decodes to the same bytes. */
export function decodeBase64Url(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const bytes = Buffer.from(text, "base64url");
  return bytes.toString("base64url") === text ? bytes : undefined;
}

/** Size of an AES-GCM nonce in bytes (96 bits, as NIST SP 800-38D recommends). */
export const GCM_NONCE_BYTES = NONCE_BYTES;
