import { createHmac, randomBytes } from "node:crypto";
import type { SealedBox, SecretCipher } from "../../core/crypto/secret-cipher.ts";
import { AppError } from "../../core/errors.ts";
import { Secret } from "../../core/secret.ts";
import { decodeBase64Url, gcmOpen, gcmSeal, GCM_NONCE_BYTES } from "./aes-gcm-box.ts";
import type { Keyring } from "./keyring.ts";

const VERSION = "rl1";
const DEK_BYTES = 32;
const WRAPPED_DEK_BYTES = GCM_NONCE_BYTES + DEK_BYTES + 16;
const BOX_PATTERN = /^rl1\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

interface ParsedBox {
  kekId: string;
  wrappedDek: Buffer;
  data: Buffer;
}

/**
 * Envelope encryption with AES-256-GCM: a fresh data key per box, wrapped by the active KEK.
 * Box format: `rl1.<kekId>.<b64url(wrapNonce|wrappedDek|wrapTag)>.<b64url(nonce|ciphertext|tag)>`.
 */
export class AesGcmCipher implements SecretCipher {
  readonly #keyring: Keyring;

  constructor(keyring: Keyring) {
    this.#keyring = keyring;
  }

  /**
   * Seals `plaintext` under a fresh data key bound to `aad`.
   * @throws SealedError `STORE_SEALED` when no KEK is active.
   */
  seal(plaintext: Secret, aad: string): SealedBox {
    const kekId = this.#keyring.activeKeyId();
    const dek = randomBytes(DEK_BYTES);
    const bytes = Buffer.from(plaintext.reveal(), "utf8");
    try {
      const data = gcmSeal(dek, randomBytes(GCM_NONCE_BYTES), bytes, Buffer.from(aad, "utf8"));
      return this.#box(kekId, dek, aad, data);
    } finally {
      dek.fill(0);
      bytes.fill(0);
    }
  }

  /**
   * Opens a box sealed with the same `aad`.
   * @throws AppError `SECRET_INTEGRITY` when the box is malformed, altered, from another record or under an unknown KEK.
   */
  open(box: string, aad: string): Secret {
    const parsed = parseBox(box);
    const dek = this.#unwrapDek(parsed, aad);
    const bytes = gcmOpen(dek, parsed.data, Buffer.from(aad, "utf8"));
    dek.fill(0);
    if (bytes === undefined) throw integrityError();
    const secret = new Secret(bytes.toString("utf8"));
    bytes.fill(0);
    return secret;
  }

  /**
   * Re-wraps the box's data key under the active KEK after checking the whole box; the ciphertext stays.
   * @throws AppError `SECRET_INTEGRITY` as `open` does.
   */
  rewrap(box: string, aad: string): SealedBox {
    const parsed = parseBox(box);
    const dek = this.#unwrapDek(parsed, aad);
    try {
      // Verify the data too, so a rotation never carries a broken box forward as if it were sound.
      const bytes = gcmOpen(dek, parsed.data, Buffer.from(aad, "utf8"));
      if (bytes === undefined) throw integrityError();
      bytes.fill(0);
      return this.#box(this.#keyring.activeKeyId(), dek, aad, parsed.data);
    } finally {
      dek.fill(0);
    }
  }

  /** `hmac-sha256:<16 hex>` keyed by a master-key subkey: stable across KEK rotation, reveals nothing. */
  fingerprint(plaintext: Secret): string {
    const mac = createHmac("sha256", this.#keyring.fingerprintKey()).update(plaintext.reveal(), "utf8").digest("hex");
    return `hmac-sha256:${mac.slice(0, 16)}`;
  }

  /** Id of the KEK new boxes are sealed with. */
  activeKeyId(): string {
    return this.#keyring.activeKeyId();
  }

  #box(kekId: string, dek: Buffer, aad: string, data: Buffer): SealedBox {
    const kek = this.#keyring.kek(kekId);
    if (kek === undefined) throw integrityError();
    const wrapped = gcmSeal(kek, randomBytes(GCM_NONCE_BYTES), dek, wrapAad(kekId, aad));
    return { box: `${VERSION}.${kekId}.${wrapped.toString("base64url")}.${data.toString("base64url")}`, kekId };
  }

  #unwrapDek(parsed: ParsedBox, aad: string): Buffer {
    const kek = this.#keyring.kek(parsed.kekId);
    if (kek === undefined) throw integrityError();
    const dek = gcmOpen(kek, parsed.wrappedDek, wrapAad(parsed.kekId, aad));
    if (dek === undefined) throw integrityError();
    return dek;
  }
}

// Binding the KEK id and the record's AAD to the wrapped key stops a box moving between records or KEKs.
function wrapAad(kekId: string, aad: string): Buffer {
  return Buffer.from(`${kekId}\u0000${aad}`, "utf8");
}

function parseBox(box: string): ParsedBox {
  const match = BOX_PATTERN.exec(box);
  const wrappedDek = match ? decodeBase64Url(match[2] ?? "") : undefined;
  const data = match ? decodeBase64Url(match[3] ?? "") : undefined;
  if (!match || wrappedDek?.length !== WRAPPED_DEK_BYTES || data === undefined) throw integrityError();
  return { kekId: match[1] ?? "", wrappedDek, data };
}

function integrityError(): AppError {
  return new AppError("internal", "SECRET_INTEGRITY", "A stored secret failed its integrity check; it was not decrypted.");
}
