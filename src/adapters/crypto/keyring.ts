import { createSecretKey, hkdfSync, randomBytes, type KeyObject } from "node:crypto";
import type { KeyManager } from "../../core/crypto/key-manager.ts";
import type { WrappedKek } from "../../core/crypto/secret-cipher.ts";
import { AppError, SealedError } from "../../core/errors.ts";
import { decodeBase64Url, gcmOpen, gcmSeal, GCM_NONCE_BYTES } from "./aes-gcm-box.ts";

const WRAP_PREFIX = "rlk1.";
const KEY_BYTES = 32;
const WRONG_MASTER_KEY = "The master key does not open this store (wrong REPOLINK_MASTER_KEY?). Credentials stay sealed.";

/**
 * The master key and the unwrapped key-encryption keys (KEKs) of one store, kept as KeyObjects.
 *
 * @example
 * const ring = Keyring.open(masterKey, await store.keks.list());
 */
export class Keyring implements KeyManager {
  readonly #wrapKey: KeyObject;
  readonly #fingerprintKey: KeyObject;
  #keks = new Map<string, KeyObject>();
  #activeId: string | undefined;

  private constructor(masterKey: Buffer) {
    if (masterKey.length !== KEY_BYTES) throw new SealedError("The master key must be 32 bytes. Credentials stay sealed.");
    // Separate subkeys so the master key itself never keys two different algorithms.
    this.#wrapKey = deriveKey(masterKey, "repolink kek wrap");
    this.#fingerprintKey = deriveKey(masterKey, "repolink fingerprint");
  }

  /**
   * Unwraps the stored KEKs with the master key.
   * @throws SealedError `STORE_SEALED` when the master key is short or does not open them.
   */
  static open(masterKey: Buffer, wrapped: WrappedKek[]): Keyring {
    const ring = new Keyring(masterKey);
    ring.load(wrapped);
    return ring;
  }

  /**
   * Replaces the in-memory KEKs with the stored ones (another instance may have rotated).
   * @throws SealedError `STORE_SEALED` when any of them does not unwrap.
   */
  load(wrapped: WrappedKek[]): void {
    const keks = new Map<string, KeyObject>();
    for (const entry of wrapped) {
      const raw = this.#unwrap(entry);
      if (raw === undefined) throw new SealedError(WRONG_MASTER_KEY);
      keks.set(entry.id, createSecretKey(raw));
      raw.fill(0);
    }
    const active = wrapped.filter((entry) => entry.active).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    this.#keks = keks;
    this.#activeId = active?.id;
  }

  /** Makes a new random KEK wrapped by the master key (AAD = its id); it is known here but not active yet. */
  createKek(now: string): WrappedKek {
    let id: string;
    do id = `kek-${randomBytes(4).toString("hex")}`;
    while (this.#keks.has(id));
    const raw = randomBytes(KEY_BYTES);
    const packed = gcmSeal(this.#wrapKey, randomBytes(GCM_NONCE_BYTES), raw, Buffer.from(id, "utf8"));
    this.#keks.set(id, createSecretKey(raw));
    raw.fill(0);
    return { id, wrapped: WRAP_PREFIX + packed.toString("base64url"), createdAt: now, active: false };
  }

  /**
   * Makes `id` the KEK new boxes are sealed with.
   * @throws AppError `KEK_UNKNOWN` when the keyring does not hold it.
   */
  activate(id: string): void {
    if (!this.#keks.has(id)) throw new AppError("internal", "KEK_UNKNOWN", `No key-encryption key "${id}" in the keyring.`);
    this.#activeId = id;
  }

  /**
   * Id of the KEK new boxes are sealed with.
   * @throws SealedError `STORE_SEALED` when no KEK is active yet.
   */
  activeKeyId(): string {
    if (this.#activeId === undefined) throw new SealedError("No active key-encryption key; the store has not been initialised.");
    return this.#activeId;
  }

  /** The unwrapped KEK with this id, or undefined. */
  kek(id: string): KeyObject | undefined {
    return this.#keks.get(id);
  }

  /** The HMAC key for fingerprints, derived from the master key so it survives KEK rotation. */
  fingerprintKey(): KeyObject {
    return this.#fingerprintKey;
  }

  #unwrap(entry: WrappedKek): Buffer | undefined {
    if (!entry.wrapped.startsWith(WRAP_PREFIX)) return undefined;
    const packed = decodeBase64Url(entry.wrapped.slice(WRAP_PREFIX.length));
    if (packed === undefined) return undefined;
    const raw = gcmOpen(this.#wrapKey, packed, Buffer.from(entry.id, "utf8"));
    if (raw !== undefined && raw.length !== KEY_BYTES) {
      raw.fill(0);
      return undefined;
    }
    return raw;
  }
}

function deriveKey(masterKey: Buffer, info: string): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), info, KEY_BYTES)));
}
