import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { startTestServer } from "../support/test-server.ts";

// Issue 14, F4 (SECURITY 38): the setup code allows 10 tries and is used up only when the admin exists.
describe("setup code (F4, SECURITY 38)", () => {
  it("survives wrong tries and a failed create, accepts the code typed in lower case with spaces, then is used up", async () => {
    const server = await startTestServer();
    try {
      const setup = (setupCode: string, password = "a long admin password") =>
        server.call("POST", "/api/v1/setup", { body: { setupCode, username: "root", password } });
      const wrong = await setup("AAAA-AAAA-AAAA");
      assert.equal(wrong.status, 403);
      assert.equal(wrong.body.error?.code, "SETUP_CODE_INVALID");
      assert.match(wrong.body.error?.message ?? "", /9 tries left/);

      const failedCreate = await setup(server.setupCode, "short");
      assert.equal(failedCreate.body.error?.code, "PASSWORD_TOO_SHORT");
      assert.equal((await server.call("GET", "/api/v1/setup")).body.setupRequired, true, "a failed create leaves the code usable");

      const typed = server.setupCode.toLowerCase().replaceAll("-", " ");
      assert.equal((await setup(` ${typed} `)).status, 201, `typed as ${typed}`);
      assert.equal((await server.call("GET", "/api/v1/setup")).body.setupRequired, false);
      const again = await setup(server.setupCode);
      assert.equal(again.status, 409, "setup is done");
      assert.equal(again.body.error?.code, "SETUP_DONE");
    } finally {
      await server.close();
    }
  });

  it("stops working after 10 wrong codes, even for the right one", async () => {
    const server = await startTestServer();
    try {
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < 10; i++) {
        const answer = await server.call("POST", "/api/v1/setup", {
          body: { setupCode: `WRONG-CODE-${i}`, username: "root", password: "a long admin password" },
        });
        codes.push(answer.body.error?.code);
      }
      assert.deepEqual(codes, [...Array(9).fill("SETUP_CODE_INVALID"), "SETUP_CODE_EXHAUSTED"]);
      const right = await server.call("POST", "/api/v1/setup", {
        body: { setupCode: server.setupCode, username: "root", password: "a long admin password" },
      });
      assert.equal(right.status, 403);
      assert.equal(right.body.error?.code, "SETUP_CODE_EXHAUSTED");
      assert.match(right.body.error?.message ?? "", /restart `repolink serve`/);
      assert.equal((await server.runtime.deps.store.users.count()) as number, 0);
    } finally {
      await server.close();
    }
  });
});
