import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { generateKeyPairSync, randomBytes, randomInt } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import { AppError } from "../../core/errors.ts";
import { Secret } from "../../core/secret.ts";
import { createLogger } from "./create-logger.ts";
import { githubSecretFormats } from "../../integrations/github/github-secret-formats.ts";
import { installSecretRedaction, SecretRedactor } from "./secret-redactor.ts";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const randomAlnum = (length: number) => Array.from({ length }, () => ALNUM[randomInt(ALNUM.length)]).join("");
// Built at run time so no string passing GitHub's token checksum is ever committed.
const githubShapedToken = () => `gh${"pousr"[randomInt(5)]}_${randomAlnum(36)}`;
const canary = () => `canary${randomBytes(12).toString("hex")}`;
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

function opensshPrivateKey(): string {
  const dir = mkdtempSync(join(tmpdir(), "repolink-sshkey-"));
  try {
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "", "-f", join(dir, "key")], { stdio: "ignore" });
    return readFileSync(join(dir, "key"), "utf8");
  } catch {
    return generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function capture(redactor: SecretRedactor) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ level: "trace", destination, redactor });
  return { logger, output: () => lines.join("") };
}

// Every text the output decodes to: itself, JSON-unescaped, percent-decoded, and each run of
// base64/base64url (at all four character offsets) or hex decoded.
function decodings(output: string): string[] {
  const texts = [output];
  for (const line of output.split("\n").filter(Boolean)) texts.push(JSON.stringify(JSON.parse(line), null, 0).replace(/\\n/g, "\n"));
  texts.push(output.replace(/\\n/g, "\n"));
  const percentDecoded = (text: string) =>
    text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => Buffer.from(run.replace(/%/g, ""), "hex").toString("utf8"));
  texts.push(percentDecoded(output), percentDecoded(output.replace(/\+/g, " ")));
  for (const run of output.match(/[A-Za-z0-9+/_-]{12,}/g) ?? []) {
    for (let offset = 0; offset < 4; offset += 1) {
      texts.push(Buffer.from(run.slice(offset), "base64").toString("utf8"));
      texts.push(Buffer.from(run.slice(offset), "base64url").toString("utf8"));
    }
  }
  for (const run of output.match(/(?:[0-9a-fA-F]{2}){8,}/g) ?? []) {
    for (let offset = 0; offset < 2; offset += 1) texts.push(Buffer.from(run.slice(offset), "hex").toString("utf8"));
  }
  return texts;
}

function assertNoLeak(output: string, secret: string): void {
  const pieces = secret
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length >= 16);
  for (const text of decodings(output)) {
    for (const piece of pieces.length > 1 ? pieces : [secret]) {
      assert.ok(!text.includes(piece), `leaked ${JSON.stringify(piece.slice(0, 12))}… in ${JSON.stringify(text.slice(0, 300))}`);
    }
  }
}

describe("createLogger with a SecretRedactor", () => {
  it("redacts a remembered canary in a message, deep in an object, and in an error's message and stack", () => {
    const redactor = new SecretRedactor();
    const { logger, output } = capture(redactor);
    const secret = canary();
    redactor.remember(secret);
    logger.info(`cloning with ${secret} now`);
    logger.info({ a: { b: { c: [{ d: { e: { token: secret, note: `x${secret}y` } } }] } } }, "nested");
    const err = new AppError("upstream", "GIT_FAILED", `git said ${secret}`, { cause: new Error(`inner ${secret}`) });
    logger.error({ err }, "boom");
    logger.error(new Error(`plain ${secret}`));
    logger.child({ bound: secret }).warn("child");
    assert.ok(output().includes("[REDACTED]"));
    assert.ok(output().includes("at "), "stack is logged");
    assertNoLeak(output(), secret);
  });

  it("redacts a canary inside Basic credentials, percent-encoded and hex", () => {
    const redactor = new SecretRedactor();
    const { logger, output } = capture(redactor);
    const secret = `${canary()}/+ &?é`;
    redactor.remember(secret);
    logger.info({ headers: { authorization: `Basic ${b64(`x-access-token:${secret}`)}` } }, "request");
    logger.info(`upstream replied to Basic ${b64(`someuser:${secret}`)} with 401`);
    logger.info({ blob: b64(`prefix-${secret}-suffix`), blob1: b64(`p${secret}`), blob2: b64(`pp${secret}`) }, "base64 at each alignment");
    logger.info({ url: Buffer.from(secret).toString("base64url") }, "base64url");
    logger.info(`https://example.test/cb?token=${encodeURIComponent(secret)}&next=1`);
    logger.info(`form token=${new URLSearchParams({ t: secret }).toString()}`);
    logger.info(`bytes ${[...Buffer.from(secret)].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join("")}`);
    logger.info({ hex: Buffer.from(secret).toString("hex"), HEX: Buffer.from(secret).toString("hex").toUpperCase() }, "hex");
    assertNoLeak(output(), secret);
  });

  it("redacts a multi-line OpenSSH private key, remembered or not, in every form", () => {
    const key = opensshPrivateKey();
    const remembered = new SecretRedactor();
    remembered.remember(key);
    for (const redactor of [remembered, new SecretRedactor()]) {
      const { logger, output } = capture(redactor);
      logger.info({ credential: { privateKey: key } }, "stored");
      logger.info(`key was:\n${key}`);
      logger.error({ err: new Error(`bad key ${key}`) }, "parse failed");
      assertNoLeak(output(), key);
    }
    const { logger, output } = capture(remembered);
    const lines = key.trim().split("\n");
    logger.info({ line: lines[1], b64: b64(key), hex: Buffer.from(key).toString("hex"), pct: encodeURIComponent(key) }, "encoded");
    assertNoLeak(output(), key);
  });

  it("redacts GitHub-token-shaped strings that were never remembered, raw and in Basic", () => {
    const { logger, output } = capture(new SecretRedactor({ tokenPatterns: githubSecretFormats.redactionPatterns }));
    const classic = githubShapedToken();
    const fineGrained = `github_pat_${randomAlnum(22)}_${randomAlnum(59)}`;
    logger.info(`got ${classic} and ${fineGrained}`);
    logger.info({ headers: { Authorization: `token ${classic}` } }, "sent");
    logger.info(`retry with Basic ${b64(`x-access-token:${classic}`)}`);
    logger.info(`cloning https://x-access-token:${classic}@github.com/o/r.git`);
    assertNoLeak(output(), classic);
    assertNoLeak(output(), fineGrained);
  });

  it("redacts values created as Secret once installSecretRedaction is called", () => {
    const redactor = new SecretRedactor();
    installSecretRedaction(redactor);
    installSecretRedaction(redactor);
    const { logger, output } = capture(redactor);
    const value = canary();
    const secret = new Secret(value);
    logger.info(`revealed ${secret.reveal()} and wrapped ${String(secret)}`);
    assertNoLeak(output(), value);
  });

  it("leaves normal text untouched and every line valid JSON", () => {
    const redactor = new SecretRedactor();
    redactor.remember(canary());
    const { logger, output } = capture(redactor);
    const msg = "cloned https://github.com/octo-org/hello-world.git and ssh://git@github.com/o/r.git in 3.2s (Basic authentication off)";
    const fields = { repo: "octo-org/hello-world", count: 3, sha: "4b825dc642cb6eb9a060e54bf8d69288fbee4904", path: "/srv/repolink/work" };
    logger.info(fields, msg);
    logger.info({ authorization: { scheme: "token" }, auth: null }, "structured");
    const [first, second] = output()
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(first?.msg, msg);
    for (const [name, value] of Object.entries(fields)) assert.equal(first?.[name], value);
    assert.deepEqual(second?.authorization, { scheme: "token" });
  });
});
