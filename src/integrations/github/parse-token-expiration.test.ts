import assert from "node:assert/strict";
import { it } from "node:test";
import { parseTokenExpiration } from "./parse-token-expiration.ts";

it("parseTokenExpiration reads GitHub's formats leniently", () => {
  const iso = "2026-12-31T23:59:59.000Z";
  assert.equal(parseTokenExpiration("2026-12-31 23:59:59 UTC"), iso);
  assert.equal(parseTokenExpiration("2026-12-31 23:59:59 +0000"), iso);
  assert.equal(parseTokenExpiration("2027-01-01 01:59:59 +02:00"), iso);
  assert.equal(parseTokenExpiration("2026-12-31T23:59:59Z"), iso);
  assert.equal(parseTokenExpiration(" 2026-12-31 23:59:59 "), iso);
  assert.equal(parseTokenExpiration("Thu, 31 Dec 2026 23:59:59 GMT"), iso);
  assert.equal(parseTokenExpiration("never"), null);
  assert.equal(parseTokenExpiration(""), null);
  assert.equal(parseTokenExpiration(undefined), null);
});
