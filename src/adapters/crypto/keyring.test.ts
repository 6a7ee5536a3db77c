import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { credentialAad } from "../../core/credentials/credential.ts";
import type { WrappedKek } from "../../core/crypto/secret-cipher.ts";
import { AppError, SealedError } from "../../core/errors.ts";
import { Secret } from "../../core/secret.ts";
import { AesGcmCipher } from "./aes-gcm-cipher.ts";
import { Keyring } from "./keyring.ts";

const isSealed = (error: unknown) => error instanceof SealedError && error.code === "STORE_SEALED";

function storedKeys(master: Buffer): WrappedKek[] {
  const ring = Keyring.open(master, []);
  const first = ring.createKek("2025-01-01T00:00:00Z");
  const second = ring.createKek("2025-02-01T00:00:00Z");
  return [first, { ...second, active: true }];
}

describe("Keyring", () => {
  it("makes wrapped KEKs with kek-<8 hex> ids that reopen with the master key", () => {
    const master = randomBytes(32);
    const stored = storedKeys(master);
    for (const kek of stored) {
      assert.match(kek.id, /^kek-[0-9a-f]{8}$/);
      assert.match(kek.wrapped, /^rlk1\.[A-Za-z0-9_-]+$/);
    }
    const ring = Keyring.open(master, stored);
    assert.equal(ring.activeKeyId(), stored[1]?.id);
    assert.ok(ring.kek(stored[0]?.id ?? ""));
    assert.equal(ring.kek("kek-00000000"), undefined);
  });

  it("reopens a store so its boxes still open after a restart", () => {
    const master = randomBytes(32);
    const stored = storedKeys(master);
    const aad = credentialAad("c1", 1);
    const { box } = new AesGcmCipher(Keyring.open(master, stored)).seal(new Secret("s3cret-value"), aad);
    assert.equal(new AesGcmCipher(Keyring.open(Buffer.from(master), stored)).open(box, aad).reveal(), "s3cret-value");
  });

  it("stays sealed with a wrong master key and says so clearly", () => {
    const stored = storedKeys(randomBytes(32));
    assert.throws(
      () => Keyring.open(randomBytes(32), stored),
      (error: unknown) => isSealed(error) && /wrong REPOLINK_MASTER_KEY\?/.test((error as Error).message),
    );
  });

  it("stays sealed with a short master key", () => {
    assert.throws(() => Keyring.open(randomBytes(16), []), isSealed);
  });

  it("stays sealed when a wrapped KEK was altered or moved to another id", () => {
    const master = randomBytes(32);
    const [first, second] = storedKeys(master) as [WrappedKek, WrappedKek];
    const swapped = [{ ...first, wrapped: second.wrapped }, second];
    assert.throws(() => Keyring.open(master, swapped), isSealed);
    const flipped = `${first.wrapped.slice(0, 10)}${first.wrapped[10] === "A" ? "B" : "A"}${first.wrapped.slice(11)}`;
    assert.throws(() => Keyring.open(master, [{ ...first, wrapped: flipped }]), isSealed);
    assert.throws(() => Keyring.open(master, [{ ...first, wrapped: "garbage" }]), isSealed);
  });

  it("loads keys rotated by another instance", () => {
    const master = randomBytes(32);
    const stored = storedKeys(master);
    const ring = Keyring.open(master, stored);
    const other = Keyring.open(master, stored);
    const next = other.createKek("2025-03-01T00:00:00Z");
    ring.load([...stored.map((kek) => ({ ...kek, active: false })), { ...next, active: true }]);
    assert.equal(ring.activeKeyId(), next.id);
  });

  it("refuses to activate an unknown KEK and has no active key before one is made", () => {
    const ring = Keyring.open(randomBytes(32), []);
    assert.throws(
      () => ring.activate("kek-12345678"),
      (error: unknown) => error instanceof AppError && error.code === "KEK_UNKNOWN",
    );
    assert.throws(() => ring.activeKeyId(), isSealed);
  });
});
