import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { InputError } from "../errors.ts";
import { formatCredentialAnswer, parseCredentialRequest } from "./parse-credential-request.ts";

describe("parseCredentialRequest (git's credential protocol)", () => {
  it("reads protocol, host, path and username", () => {
    assert.deepEqual(parseCredentialRequest("protocol=https\nhost=github.com\npath=acme/rocket.git\nusername=bot\n\n"), {
      protocol: "https",
      host: "github.com",
      path: "acme/rocket.git",
      username: "bot",
    });
  });

  it("refuses CR, NUL, repeated keys, url= and missing host — no answer rather than a guess (CVE-2020-5260, CVE-2024-52006)", () => {
    for (const input of [
      "protocol=https\nhost=github.com\r\n",
      "protocol=https\nhost=github.com\u0000evil.tld\n",
      "protocol=https\nhost=evil.tld\nhost=github.com\n",
      "protocol=https\nhost=github.com\nurl=https://evil.tld/\n",
      "protocol=https\n",
      "host=github.com\n",
      "just text\n",
    ]) {
      assert.throws(
        () => parseCredentialRequest(input),
        (e: unknown) => e instanceof InputError && e.code === "GIT_CREDENTIAL_INPUT_INVALID",
        JSON.stringify(input),
      );
    }
  });

  it("never throws anything but InputError, and never accepts a value holding CR or NUL", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (input) => {
        try {
          const parsed = parseCredentialRequest(input);
          for (const value of Object.values(parsed))
            assert.ok(value === null || !(value.includes("\r") || value.includes("\n") || value.includes("\u0000")));
        } catch (error) {
          assert.ok(error instanceof InputError);
        }
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string(), fc.constantFrom("\r", "\u0000"), fc.string(), (before, bad, after) => {
        assert.throws(() => parseCredentialRequest(`protocol=https\nhost=${before}${bad}${after}\n`));
      }),
    );
  });

  it("refuses to format an answer whose value holds a line break", () => {
    assert.equal(formatCredentialAnswer({ username: "a", password: "b" }), "username=a\npassword=b\n");
    assert.throws(() => formatCredentialAnswer({ username: "a\nhost=evil", password: "b" }), InputError);
  });
});
