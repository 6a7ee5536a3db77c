import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { AppError } from "../../core/errors.ts";
import { OpensshKeyInspector } from "./openssh-key-inspector.ts";

const exec = promisify(execFile);

interface GeneratedKey {
  privateKey: string;
  /** What `ssh-keygen -l` prints for the public key: the fingerprint to match. */
  fingerprint: string;
}

describe("OpensshKeyInspector (keys made by ssh-keygen at run time)", () => {
  let dir: string;
  let workDir: string;
  let inspector: OpensshKeyInspector;
  const passphrase = `pass ${randomBytes(6).toString("hex")} 'quoted' $HOME`;
  const keys: Record<string, GeneratedKey> = {};

  // The fixtures' passphrases go through ssh-keygen's argv; that is the test's own doing, not the inspector's.
  async function generate(name: string, args: string[], secret: string): Promise<void> {
    const file = join(dir, name);
    await exec("ssh-keygen", ["-q", ...args, "-N", secret, "-C", name, "-f", file]);
    const { stdout } = await exec("ssh-keygen", ["-l", "-E", "sha256", "-f", `${file}.pub`]);
    keys[name] = { privateKey: await readFile(file, "utf8"), fingerprint: stdout.split(" ")[1] ?? "" };
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "ssh-keys-"));
    workDir = join(dir, "work");
    inspector = new OpensshKeyInspector(workDir);
    await Promise.all([
      generate("ed25519", ["-t", "ed25519"], ""),
      generate("ed25519-encrypted", ["-t", "ed25519"], passphrase),
      generate("rsa-pem", ["-t", "rsa", "-b", "2048", "-m", "PEM"], ""),
      generate("ecdsa-pem-encrypted", ["-t", "ecdsa", "-b", "384", "-m", "PEM"], passphrase),
      generate("rsa-pkcs8-encrypted", ["-t", "rsa", "-b", "2048", "-m", "PKCS8"], passphrase),
      generate("ecdsa-openssh", ["-t", "ecdsa", "-b", "256"], ""),
    ]);
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  async function refusal(key: string, secret: string | null): Promise<{ code: string; field: unknown; message: string }> {
    const error = await inspector.inspect(key, secret).then(
      () => assert.fail("the key was accepted"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof AppError);
    return { code: error.code, field: error.details?.field, message: error.message };
  }

  it("names the key type and the fingerprint ssh-keygen shows, for OpenSSH and PEM forms alike", async () => {
    const expected: Record<string, string> = {
      ed25519: "ssh-ed25519",
      "ed25519-encrypted": "ssh-ed25519",
      "rsa-pem": "ssh-rsa",
      "ecdsa-pem-encrypted": "ecdsa-sha2-nistp384",
      "rsa-pkcs8-encrypted": "ssh-rsa",
      "ecdsa-openssh": "ecdsa-sha2-nistp256",
    };
    for (const [name, keyType] of Object.entries(expected)) {
      const key = keys[name]!;
      const facts = await inspector.inspect(key.privateKey, name.endsWith("encrypted") ? passphrase : null);
      assert.deepEqual(facts, { keyType, fingerprint: key.fingerprint }, name);
      assert.match(facts.fingerprint, /^SHA256:[A-Za-z0-9+/]{43}$/);
    }
  });

  it("refuses an encrypted key without its passphrase, in every form", async () => {
    for (const name of ["ed25519-encrypted", "ecdsa-pem-encrypted", "rsa-pkcs8-encrypted"]) {
      const error = await refusal(keys[name]!.privateKey, null);
      assert.deepEqual([error.code, error.field], ["SSH_KEY_PASSPHRASE_REQUIRED", "passphrase"], name);
    }
  });

  it("refuses a wrong passphrase, in every form, and leaves no key file behind", async () => {
    for (const name of ["ed25519-encrypted", "ecdsa-pem-encrypted", "rsa-pkcs8-encrypted"]) {
      const error = await refusal(keys[name]!.privateKey, `${passphrase}x`);
      assert.deepEqual([error.code, error.field], ["SSH_KEY_PASSPHRASE_WRONG", "passphrase"], name);
      assert.ok(!error.message.includes(passphrase), "the passphrase is not echoed");
    }
    assert.deepEqual(await readdir(join(workDir, "tmp")), [], "ssh-keygen's temporary directory is removed");
  });

  it("refuses a damaged key and a key SSH does not use", async () => {
    const lines = keys.ed25519!.privateKey.split("\n");
    const truncated = [...lines.slice(0, 3), ...lines.slice(-2)].join("\n");
    assert.equal((await refusal(truncated, null)).code, "SSH_KEY_INVALID");
    const flipped = keys["rsa-pem"]!.privateKey.replace(/\n([A-Za-z])/, (_, c: string) => `\n${c === "A" ? "B" : "A"}`);
    assert.equal((await refusal(flipped, null)).code, "SSH_KEY_INVALID");
    const ed448 = generateKeyPairSync("ed448").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const error = await refusal(ed448, null);
    assert.equal(error.code, "SSH_KEY_INVALID");
    assert.match(error.message, /ed448/);
  });
});
