import type { Secret } from "../secret.ts";

/**
 * Envelope encryption of secrets. A box is an opaque string holding the id of the
 * key-encryption key, the wrapped data key, nonces, tags and ciphertext.
 */
export interface SecretCipher {
  /** Seals `plaintext` with a fresh data key and nonce; `aad` is bound as associated data. */
  seal(plaintext: Secret, aad: string): SealedBox;
  /** @throws AppError `SECRET_INTEGRITY` when the box was altered or `aad` differs; `STORE_SEALED` when sealed. */
  open(box: string, aad: string): Secret;
  /** Re-wraps the box's data key under the active key-encryption key; the ciphertext stays. */
  rewrap(box: string, aad: string): SealedBox;
  /** A keyed fingerprint of a secret (stable for one installation; reveals nothing). */
  fingerprint(plaintext: Secret): string;
  /** Id of the key-encryption key new boxes are sealed with. */
  activeKeyId(): string;
}

/** A sealed secret and the id of the key-encryption key that wraps its data key. */
export interface SealedBox {
  box: string;
  kekId: string;
}

/** A key-encryption key as stored: wrapped by the master key. */
export interface WrappedKek {
  id: string;
  wrapped: string;
  createdAt: string;
  active: boolean;
}
