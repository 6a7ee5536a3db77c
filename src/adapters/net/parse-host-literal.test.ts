import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parseHostLiteral } from "./parse-host-literal.ts";

const whatwgHost = (host: string): string | null => {
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return null;
  }
};

describe("parseHostLiteral", () => {
  it("reads the SECURITY 24 legacy IPv4 forms as 127.0.0.1, as WHATWG URL does", () => {
    for (const host of ["127.1", "2130706433", "0x7f000001", "0177.0.0.1", "0x7f.1", "127.0.0.1.", "0X7F.0.0.01"]) {
      assert.deepEqual(parseHostLiteral(host), { kind: "ip", family: 4, address: "127.0.0.1" }, host);
      assert.equal(whatwgHost(host), "127.0.0.1", host);
    }
  });

  it("reads bracketed and bare IPv6", () => {
    assert.deepEqual(parseHostLiteral("[::1]"), { kind: "ip", family: 6, address: "::1" });
    assert.deepEqual(parseHostLiteral("[::FFFF:127.0.0.1]"), { kind: "ip", family: 6, address: "::ffff:127.0.0.1" });
    assert.deepEqual(parseHostLiteral("fe80::1"), { kind: "ip", family: 6, address: "fe80::1" });
    for (const host of ["[::1", "::1]", "[example.com]", "[1.2.3.4]"]) assert.deepEqual(parseHostLiteral(host), { kind: "invalid" }, host);
  });

  it("leaves names alone and marks numeric hosts no URL parser accepts as invalid", () => {
    assert.deepEqual(parseHostLiteral("GitHub.example.COM"), { kind: "name", name: "github.example.com" });
    assert.deepEqual(parseHostLiteral("1a.example"), { kind: "name", name: "1a.example" });
    assert.deepEqual(parseHostLiteral("1.0x1g"), { kind: "name", name: "1.0x1g" });
    for (const host of ["256.0.0.1.2", "1.2.3.4.5", "4294967296", "08.0.0.1", "example.0x10", "0x1.0x100000000"]) {
      assert.deepEqual(parseHostLiteral(host), { kind: "invalid" }, host);
      assert.equal(whatwgHost(host), null, host);
    }
  });

  it("agrees with WHATWG URL on random decimal, hex, octal and shortened IPv4 spellings", () => {
    const spelling = fc.oneof(
      fc.nat({ max: 2 ** 32 - 1 }).map(String),
      fc.nat({ max: 2 ** 32 - 1 }).map((value) => `0x${value.toString(16)}`),
      fc.array(fc.nat({ max: 255 }), { minLength: 4, maxLength: 4 }).map((parts) => parts.map((part) => `0${part.toString(8)}`).join(".")),
      fc.tuple(fc.nat({ max: 255 }), fc.nat({ max: 0xffffff })).map(([a, rest]) => `${a}.${rest}`),
      fc
        .tuple(fc.nat({ max: 255 }), fc.nat({ max: 255 }), fc.nat({ max: 0xffff }))
        .map(([a, b, rest]) => `${a}.0x${b.toString(16)}.${rest}`),
    );
    fc.assert(
      fc.property(spelling, (host) => {
        const parsed = parseHostLiteral(host);
        assert.equal(parsed.kind, "ip", host);
        assert.equal(parsed.kind === "ip" ? parsed.address : null, whatwgHost(host), host);
      }),
      { numRuns: 1000 },
    );
  });
});
