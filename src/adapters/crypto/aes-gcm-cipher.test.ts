import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { credentialAad } from "../../core/credentials/credential.ts";
import { AppError } from "../../core/errors.ts";
import { Secret } from "../../core/secret.ts";
import { AesGcmCipher } from "./aes-gcm-cipher.ts";
import { Keyring } from "./keyring.ts";

function freshCipher(): { cipher: AesGcmCipher; keyring: Keyring } {
  const keyring = Keyring.open(randomBytes(32), []);
  keyring.activate(keyring.createKek("2025-01-01T00:00:00Z").id);
  return { cipher: new AesGcmCipher(keyring), keyring };
}

function isIntegrityError(error: unknown): boolean {
  return error instanceof AppError && error.code === "SECRET_INTEGRITY" && !/canary/.test(error.message);
}

const canary = () => `canary-${randomBytes(18).toString("base64url")}`;
const aadA = credentialAad("cred-a", 1);

describe("AesGcmCipher", () => {
  it("opens what it sealed, multi-line and non-ASCII included", () => {
    const { cipher } = freshCipher();
    for (const value of [canary(), "-----BEGIN KEY-----\nline\n-----END KEY-----\n", "pässwörd ✓ 🔑"]) {
      const sealed = cipher.seal(new Secret(value), aadA);
      assert.equal(sealed.kekId, cipher.activeKeyId());
      assert.match(sealed.box, /^rl1\.kek-[0-9a-f]{8}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
      assert.ok(!sealed.box.includes(value));
      assert.equal(cipher.open(sealed.box, aadA).reveal(), value);
    }
  });

  it("seals the same secret twice with different nonces and boxes", () => {
    const { cipher } = freshCipher();
    const secret = new Secret(canary());
    const [a, b] = [cipher.seal(secret, aadA).box.split("."), cipher.seal(secret, aadA).box.split(".")];
    assert.notEqual(a[2], b[2]);
    assert.notEqual(a[3], b[3]);
    const nonce = (part: string | undefined) =>
      Buffer.from(part ?? "", "base64url")
        .subarray(0, 12)
        .toString("hex");
    assert.notEqual(nonce(a[2]), nonce(b[2]));
    assert.notEqual(nonce(a[3]), nonce(b[3]));
  });

  it("refuses a box with any one character changed", () => {
    const { cipher } = freshCipher();
    const { box } = cipher.seal(new Secret(canary()), aadA);
    for (let i = 0; i < box.length; i += 1) {
      for (const replacement of ["A", "z", "-", "."]) {
        if (box[i] === replacement) continue;
        const altered = box.slice(0, i) + replacement + box.slice(i + 1);
        assert.throws(() => cipher.open(altered, aadA), isIntegrityError, `position ${i} → ${replacement}`);
      }
    }
  });

  it("refuses a box with any one bit flipped in its decoded bytes", () => {
    const { cipher } = freshCipher();
    const { box } = cipher.seal(new Secret(canary()), aadA);
    const parts = box.split(".");
    for (const index of [2, 3]) {
      const bytes = Buffer.from(parts[index] ?? "", "base64url");
      for (let i = 0; i < bytes.length; i += 1) {
        const copy = Buffer.from(bytes);
        copy[i] = (copy[i] ?? 0) ^ 0x01;
        const altered = parts.map((part, j) => (j === index ? copy.toString("base64url") : part)).join(".");
        assert.throws(() => cipher.open(altered, aadA), isIntegrityError);
      }
    }
  });

  it("refuses truncated, extended, empty and foreign boxes", () => {
    const { cipher } = freshCipher();
    const { box } = cipher.seal(new Secret(canary()), aadA);
    for (const bad of [box.slice(0, -1), `${box}A`, "", "rl1", box.replace(/^rl1/, "rl2"), `${box}.x`]) {
      assert.throws(() => cipher.open(bad, aadA), isIntegrityError);
    }
  });

  it("refuses a box copied from record A into record B, or to another version", () => {
    const { cipher } = freshCipher();
    const { box } = cipher.seal(new Secret(canary()), aadA);
    assert.throws(() => cipher.open(box, credentialAad("cred-b", 1)), isIntegrityError);
    assert.throws(() => cipher.open(box, credentialAad("cred-a", 2)), isIntegrityError);
    assert.throws(() => cipher.rewrap(box, credentialAad("cred-b", 1)), isIntegrityError);
  });

  it("refuses a box whose wrapped key or data part came from another record", () => {
    const { cipher } = freshCipher();
    const a = cipher.seal(new Secret(canary()), aadA).box.split(".");
    const aadB = credentialAad("cred-b", 1);
    const b = cipher.seal(new Secret(canary()), aadB).box.split(".");
    assert.throws(() => cipher.open([a[0], a[1], a[2], b[3]].join("."), aadA), isIntegrityError);
    assert.throws(() => cipher.open([a[0], a[1], a[2], b[3]].join("."), aadB), isIntegrityError);
    assert.throws(() => cipher.open([b[0], b[1], b[2], a[3]].join("."), aadA), isIntegrityError);
  });

  it("refuses a box sealed by another installation (unknown KEK id)", () => {
    const { cipher } = freshCipher();
    const { box } = freshCipher().cipher.seal(new Secret(canary()), aadA);
    assert.throws(() => cipher.open(box, aadA), isIntegrityError);
  });

  it("keeps old boxes open across KEK rotation, seals new ones with the new KEK and rewraps old ones", () => {
    const { cipher, keyring } = freshCipher();
    const oldId = keyring.activeKeyId();
    const value = canary();
    const old = cipher.seal(new Secret(value), aadA);
    const fingerprint = cipher.fingerprint(new Secret(value));

    const next = keyring.createKek("2025-02-01T00:00:00Z");
    assert.equal(next.active, false);
    assert.equal(keyring.activeKeyId(), oldId);
    keyring.activate(next.id);

    assert.equal(cipher.activeKeyId(), next.id);
    assert.equal(cipher.open(old.box, aadA).reveal(), value);
    assert.equal(cipher.seal(new Secret(value), aadA).kekId, next.id);

    const moved = cipher.rewrap(old.box, aadA);
    assert.equal(moved.kekId, next.id);
    assert.ok(moved.box.startsWith(`rl1.${next.id}.`));
    assert.equal(moved.box.split(".")[3], old.box.split(".")[3], "data ciphertext is kept");
    assert.equal(cipher.open(moved.box, aadA).reveal(), value);
    assert.equal(cipher.fingerprint(new Secret(value)), fingerprint);
    // A rewrapped box names the new KEK, so swapping its id back to the old one must fail.
    assert.throws(() => cipher.open(moved.box.replace(next.id, oldId), aadA), isIntegrityError);
  });

  it("refuses to rewrap a box whose data was altered", () => {
    const { cipher, keyring } = freshCipher();
    const parts = cipher.seal(new Secret(canary()), aadA).box.split(".");
    keyring.activate(keyring.createKek("2025-02-01T00:00:00Z").id);
    const data = Buffer.from(parts[3] ?? "", "base64url");
    data[data.length - 1] = (data[data.length - 1] ?? 0) ^ 0x80;
    assert.throws(() => cipher.rewrap([parts[0], parts[1], parts[2], data.toString("base64url")].join("."), aadA), isIntegrityError);
  });

  it("fingerprints stably per installation and differently across installations", () => {
    const master = randomBytes(32);
    const one = Keyring.open(master, []);
    one.activate(one.createKek("2025-01-01T00:00:00Z").id);
    const value = new Secret(canary());
    const fingerprint = new AesGcmCipher(one).fingerprint(value);
    assert.match(fingerprint, /^hmac-sha256:[0-9a-f]{16}$/);
    assert.equal(new AesGcmCipher(Keyring.open(master, [])).fingerprint(value), fingerprint);
    assert.notEqual(freshCipher().cipher.fingerprint(value), fingerprint);
    assert.notEqual(new AesGcmCipher(one).fingerprint(new Secret(canary())), fingerprint);
  });

  it("is sealed until a KEK is active", () => {
    const cipher = new AesGcmCipher(Keyring.open(randomBytes(32), []));
    assert.throws(
      () => cipher.seal(new Secret(canary()), aadA),
      (error: unknown) => error instanceof AppError && error.code === "STORE_SEALED",
    );
  });
});
