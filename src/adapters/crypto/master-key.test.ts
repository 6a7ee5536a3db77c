import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { SealedError } from "../../core/errors.ts";
import { loadMasterKey } from "./master-key.ts";

const root = mkdtempSync(join(tmpdir(), "repolink-master-key-"));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const freshDir = () => join(root, `d${(counter += 1)}`);

function sealedWithout(secretText: string, pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof SealedError, "SealedError");
    assert.equal(error.code, "STORE_SEALED");
    assert.match(error.message, pattern);
    assert.ok(!error.message.includes(secretText), "message does not echo the value");
    return true;
  };
}

describe("loadMasterKey", () => {
  const key = randomBytes(32);

  it("accepts 64 hex digits and base64 of 32 bytes from the environment, trimmed", () => {
    for (const value of [
      key.toString("hex"),
      key.toString("hex").toUpperCase(),
      ` ${key.toString("base64")}\n`,
      key.toString("base64url"),
    ]) {
      const loaded = loadMasterKey({ keyValue: value, dataDir: freshDir(), mayGenerate: false });
      assert.deepEqual(loaded.key, key);
      assert.equal(loaded.source, "env");
    }
  });

  it("refuses short or malformed values, naming the variable and not echoing the value", () => {
    const short = randomBytes(16).toString("hex");
    const long = randomBytes(33).toString("base64");
    const garbage = `not-a-key-${randomBytes(8).toString("hex")}`;
    for (const value of [short, long, garbage, `${key.toString("hex")}0`, ""]) {
      assert.throws(
        () => loadMasterKey({ keyValue: value, dataDir: freshDir(), mayGenerate: true }),
        sealedWithout(value || "\u0000", /^REPOLINK_MASTER_KEY must be 32 bytes, given as 64 hex digits or base64/),
      );
    }
  });

  it("reads REPOLINK_MASTER_KEY_FILE and names its path when it is unreadable or malformed", () => {
    const file = join(root, "key-file");
    writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600 });
    assert.deepEqual(loadMasterKey({ keyFile: file, dataDir: freshDir(), mayGenerate: false }), { key, source: "file", warnings: [] });

    const missing = join(root, "no-such-key");
    assert.throws(
      () => loadMasterKey({ keyFile: missing, dataDir: freshDir(), mayGenerate: true }),
      sealedWithout("\u0000", new RegExp(`${missing}.*REPOLINK_MASTER_KEY_FILE.*ENOENT`)),
    );

    const bad = join(root, "bad-key");
    const content = randomBytes(20).toString("hex");
    writeFileSync(bad, content);
    assert.throws(
      () => loadMasterKey({ keyFile: bad, dataDir: freshDir(), mayGenerate: true }),
      sealedWithout(content, /REPOLINK_MASTER_KEY_FILE \(.*bad-key\) must hold 32 bytes/),
    );
  });

  it("refuses both sources at once", () => {
    assert.throws(
      () => loadMasterKey({ keyValue: key.toString("hex"), keyFile: "/x", dataDir: freshDir(), mayGenerate: true }),
      SealedError,
    );
  });

  it("generates <dataDir>/master.key with mode 0600 only when allowed, then reads it back", () => {
    const dataDir = freshDir();
    assert.throws(
      () => loadMasterKey({ dataDir, mayGenerate: false }),
      sealedWithout("\u0000", /^No master key: set REPOLINK_MASTER_KEY or REPOLINK_MASTER_KEY_FILE, or restore .*master\.key/),
    );

    const generated = loadMasterKey({ dataDir, mayGenerate: true });
    assert.equal(generated.source, "generated");
    assert.equal(generated.key.length, 32);
    assert.equal(statSync(join(dataDir, "master.key")).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(dataDir), ["master.key"], "no temp file left behind");

    const again = loadMasterKey({ dataDir, mayGenerate: true });
    assert.deepEqual(again, { key: generated.key, source: "data-dir", warnings: [] });
  });

  it("warns when master.key is readable by others", () => {
    const dataDir = freshDir();
    const { key: made } = loadMasterKey({ dataDir, mayGenerate: true });
    chmodSync(join(dataDir, "master.key"), 0o644);
    const loaded = loadMasterKey({ dataDir, mayGenerate: false });
    assert.deepEqual(loaded.key, made);
    assert.equal(loaded.warnings.length, 1);
    assert.match(loaded.warnings[0] ?? "", /mode 0644.*chmod 600/);
  });
});
