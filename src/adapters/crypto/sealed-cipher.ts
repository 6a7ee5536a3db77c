import type { KeyManager } from "../../core/crypto/key-manager.ts";
import type { SealedBox, SecretCipher, WrappedKek } from "../../core/crypto/secret-cipher.ts";
import { SealedError } from "../../core/errors.ts";

/**
 * Stands in for the cipher and keyring when the master key is missing or wrong: every
 * secret operation fails with the same clear error, and nothing falls back to plaintext.
 */
export class SealedCipher implements SecretCipher, KeyManager {
  readonly #reason: SealedError;

  constructor(reason: SealedError) {
    this.#reason = reason;
  }

  seal(): SealedBox {
    throw this.#reason;
  }

  open(): never {
    throw this.#reason;
  }

  rewrap(): SealedBox {
    throw this.#reason;
  }

  fingerprint(): string {
    throw this.#reason;
  }

  activeKeyId(): string {
    throw this.#reason;
  }

  createKek(): WrappedKek {
    throw this.#reason;
  }

  load(): void {
    throw this.#reason;
  }

  /** Why the store is sealed, for start-up logs and /healthz. */
  get reason(): string {
    return this.#reason.message;
  }
}
