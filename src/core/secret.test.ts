import assert from "node:assert/strict";
import { inspect } from "node:util";
import { it } from "node:test";
import { Secret } from "./secret.ts";

it("prints [REDACTED] through toString, JSON, util.inspect and template strings, and reveals only on request", () => {
  const value = `canary-${Math.random().toString(36).slice(2)}`;
  const secret = new Secret(value);
  const printed = [
    String(secret),
    `${secret}`,
    JSON.stringify({ secret }),
    JSON.stringify([secret]),
    inspect({ nested: { secret } }),
    inspect(secret),
  ];
  for (const text of printed) {
    assert.ok(!text.includes(value), text);
    assert.ok(text.includes("[REDACTED]"), text);
  }
  assert.equal(secret.reveal(), value);
  assert.equal(secret.length, value.length);
});
