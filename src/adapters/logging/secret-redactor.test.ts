import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { SecretRedactor } from "./secret-redactor.ts";

const canary = () => `canary${randomBytes(10).toString("hex")}`;
const bytes = (text: string) => Buffer.from(text, "utf8");

function redactorFor(...secrets: string[]): SecretRedactor {
  const redactor = new SecretRedactor();
  for (const secret of secrets) redactor.remember(secret);
  return redactor;
}

describe("SecretRedactor", () => {
  it("replaces a remembered secret in each encoding on its own", () => {
    const secret = `${canary()}/+ "\\&?é\n`;
    const redactor = redactorFor(secret);
    const hex = bytes(secret).toString("hex");
    const forms = {
      raw: secret,
      json: JSON.stringify(secret).slice(1, -1),
      jsonTwice: JSON.stringify(JSON.stringify(secret)).slice(1, -1),
      base64: bytes(secret).toString("base64"),
      base64url: bytes(secret).toString("base64url"),
      hex,
      HEX: hex.toUpperCase(),
      uriComponent: encodeURIComponent(secret),
      uriLower: encodeURIComponent(secret).toLowerCase(),
      form: new URLSearchParams({ v: secret }).toString().slice(2),
      everyByte: hex.replace(/../g, "%$&"),
      everyByteUpper: hex.toUpperCase().replace(/../g, "%$&"),
    };
    for (const [name, form] of Object.entries(forms)) {
      const out = redactor.redact(`before ${form} after`);
      assert.ok(out.startsWith("before ") && out.includes("[REDACTED]") && !out.includes(form), `${name}: ${out}`);
    }
  });

  it("finds a secret inside longer base64 at each byte alignment, standard and url-safe", () => {
    const secret = canary();
    const redactor = redactorFor(secret);
    for (const prefix of ["", "a", "ab", "abc", "user:", "x-access-token:"]) {
      for (const encoding of ["base64", "base64url"] as const) {
        const encoded = bytes(`${prefix}${secret}~~tail`).toString(encoding);
        const out = redactor.redact(`value=${encoded}`);
        assert.ok(out.includes("[REDACTED]"), `${encoding} with prefix "${prefix}": ${out}`);
        const visible = out
          .replace("[REDACTED]", "|")
          .split("|")
          .map((part) => Buffer.from(part.replace("value=", ""), encoding).toString("latin1"));
        assert.ok(
          visible.every((part) => !part.includes(secret.slice(4, 12))),
          "no run of the secret survives",
        );
      }
    }
  });

  it("redacts each long line of a multi-line secret on its own", () => {
    const lines = [randomBytes(30).toString("base64"), randomBytes(30).toString("base64"), "short"];
    const redactor = redactorFor(`-----BEGIN THING-----\n${lines.join("\n")}\n-----END THING-----\n`);
    assert.equal(redactor.redact(`got ${lines[1]}!`), "got [REDACTED]!");
    assert.equal(redactor.redact(`got ${bytes(lines[0] ?? "").toString("hex")}!`), "got [REDACTED]!");
    assert.equal(redactor.redact("a short line"), "a short line");
  });

  it("ignores secrets shorter than 8 characters", () => {
    const redactor = redactorFor("abc1234");
    assert.equal(redactor.redact("abc1234 stays"), "abc1234 stays");
  });

  it("treats regex metacharacters in secrets literally", () => {
    const secret = "a.b*c+(d)[e]{f}|g\\h^$i/j?";
    const redactor = redactorFor(secret);
    assert.equal(redactor.redact(`x ${secret} y`), "x [REDACTED] y");
    assert.equal(redactor.redact("x aXb*c+(d)[e]{f}|g\\h^$i/j? y"), "x aXb*c+(d)[e]{f}|g\\h^$i/j? y");
  });

  it("prefers the longest secret when one is a prefix of another", () => {
    const short = canary();
    const redactor = redactorFor(short, `${short}-extended`);
    assert.equal(redactor.redact(`${short}-extended ${short}`), "[REDACTED] [REDACTED]");
  });

  it("keeps redacting every secret as many are remembered over time", () => {
    const redactor = new SecretRedactor();
    const secrets = Array.from({ length: 300 }, canary);
    secrets.forEach((secret, index) => {
      redactor.remember(secret);
      if (index % 37 === 0) redactor.redact("a log line between");
    });
    for (const secret of secrets) assert.equal(redactor.redact(`[${secret}]`), "[[REDACTED]]");
  });

  it("redacts Authorization values in headers, JSON and inspected objects, keeping JSON valid", () => {
    const redactor = new SecretRedactor();
    assert.equal(redactor.redact("Authorization: token abcdef123\r\nAccept: */*"), "Authorization: [REDACTED]\r\nAccept: */*");
    assert.equal(redactor.redact('{"Authorization":"Bearer abc","x":1}'), '{"Authorization":"[REDACTED]","x":1}');
    assert.equal(redactor.redact('{"msg":"{\\"authorization\\":\\"Bearer abc\\"}"}'), '{"msg":"{\\"authorization\\":\\"[REDACTED]\\"}"}');
    assert.equal(redactor.redact("{ authorization: 'token abc' }"), "{ authorization: '[REDACTED]' }");
    assert.equal(redactor.redact('{"proxy-authorization":["Basic abc"]}'), '{"proxy-authorization":["[REDACTED]"]}');
    for (const json of ['{"authorization":{"scheme":"token"}}', '{"authorization":null}', '{"authorization":true}']) {
      assert.equal(redactor.redact(json), json);
    }
  });

  it("redacts Basic credentials wherever they appear, and leaves other base64 after 'Basic' alone", () => {
    const redactor = new SecretRedactor();
    const value = Buffer.from(`someuser:${canary()}`).toString("base64");
    assert.equal(redactor.redact(`sent Basic ${value} upstream`), "sent Basic [REDACTED] upstream");
    assert.equal(redactor.redact("Basic authentication is off"), "Basic authentication is off");
  });

  it("redacts userinfo in URLs but not a plain ssh git@ user", () => {
    const redactor = new SecretRedactor();
    assert.equal(redactor.redact("https://user:p@ss@github.com/o/r"), "https://[REDACTED]@github.com/o/r");
    assert.equal(redactor.redact("https://tok123@github.com/o/r"), "https://[REDACTED]@github.com/o/r");
    assert.equal(redactor.redact("ssh://git@github.com/o/r and git@github.com:o/r"), "ssh://git@github.com/o/r and git@github.com:o/r");
    assert.equal(redactor.redact("https://github.com/o/r?ref=a@b"), "https://github.com/o/r?ref=a@b");
  });

  it("redacts private key blocks, raw, JSON-escaped, and cut off", () => {
    const redactor = new SecretRedactor();
    const body = randomBytes(48).toString("base64");
    const block = `-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----`;
    assert.equal(redactor.redact(`key: ${block}\nnext`), "key: [REDACTED]\nnext");
    assert.equal(redactor.redact(JSON.stringify({ k: block })), '{"k":"[REDACTED]"}');
    assert.equal(redactor.redact(JSON.stringify({ k: block.slice(0, 60) })), '{"k":"[REDACTED]"}');
  });
});
