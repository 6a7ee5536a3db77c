import type { WrappedKek } from "./secret-cipher.ts";

/** The keyring of key-encryption keys behind a SecretCipher. */
export interface KeyManager {
  /** Makes a new key-encryption key wrapped by the master key; it is not active yet. */
  createKek(now: string): WrappedKek;
  /** Replaces the in-memory keyring with the stored keys (another instance may have rotated). */
  load(wrapped: WrappedKek[]): void;
  activeKeyId(): string;
}
