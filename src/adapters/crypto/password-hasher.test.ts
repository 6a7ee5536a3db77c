import assert from "node:assert/strict";
import { randomBytes, scryptSync } from "node:crypto";
import { describe, it } from "node:test";
import { hashPassword, needsRehash, verifyPassword } from "./password-hasher.ts";

describe("password hasher", () => {
  it("hashes with scrypt parameters and a random salt, and verifies", async () => {
    const [a, b] = await Promise.all([hashPassword("correct horse battery"), hashPassword("correct horse battery")]);
    assert.match(a, /^scrypt\$15\$8\$1\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/);
    assert.notEqual(a, b);
    assert.equal(await verifyPassword("correct horse battery", a), true);
    assert.equal(await verifyPassword("correct horse batterY", a), false);
    assert.equal(await verifyPassword("", a), false);
    assert.equal(needsRehash(a), false);
  });

  it("treats malformed or out-of-bounds hashes as a non-match that needs a rehash", async () => {
    const good = await hashPassword("pw");
    for (const bad of ["", "plain", good.replace("$15$", "$30$"), good.replace("$8$", "$0$"), good.slice(0, -8)]) {
      assert.equal(await verifyPassword("pw", bad), false, bad);
      assert.equal(needsRehash(bad), true);
    }
  });

  it("asks for a rehash of weaker parameters but still verifies them", async () => {
    const salt = randomBytes(16);
    const hash = scryptSync("pw", salt, 32, { N: 2 ** 14, r: 8, p: 1 });
    const weaker = `scrypt$14$8$1$${salt.toString("base64")}$${hash.toString("base64")}`;
    assert.equal(needsRehash(weaker), true);
    assert.equal(await verifyPassword("pw", weaker), true);
    assert.equal(await verifyPassword("pW", weaker), false);
  });

  it("normalises Unicode so composed and decomposed forms match", async () => {
    const hash = await hashPassword("caf\u00e9");
    assert.equal(await verifyPassword("cafe\u0301", hash), true);
  });
});
