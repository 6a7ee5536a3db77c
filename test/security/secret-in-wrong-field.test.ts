import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { findCanary } from "../support/canary.ts";
import { generateTestToken } from "../support/github-tokens.ts";
import { bootstrapAdmin, startTestServer, type TestServer } from "../support/test-server.ts";

// Issue 14: a token pasted into --name or --username was stored and shown in clear in lists,
// the audit log and /metrics labels.
describe("a secret pasted into a field that is shown in clear is refused, never stored or echoed", () => {
  let server: TestServer;
  let admin: string;
  const pasted = generateTestToken("ghp_");

  before(async () => {
    server = await startTestServer();
    admin = await bootstrapAdmin(server);
    assert.equal(
      (
        await server.call("POST", "/api/v1/credentials", {
          auth: admin,
          body: { name: "bot", type: "token", username: "octo", secret: generateTestToken(), host: "github.com" },
        })
      ).status,
      201,
    );
  });
  after(() => server.close());

  for (const [what, method, path, body, field] of [
    [
      "a credential's name",
      "POST",
      "/api/v1/credentials",
      { name: pasted, type: "token", secret: generateTestToken(), host: "github.com" },
      "name",
    ],
    [
      "a credential's username",
      "POST",
      "/api/v1/credentials",
      { name: "other", type: "token", username: pasted, secret: generateTestToken(), host: "github.com" },
      "username",
    ],
    ["a credential's new username", "PATCH", "/api/v1/credentials/bot", { username: pasted }, "username"],
    ["an API token's name", "POST", "/api/v1/tokens", { name: pasted }, "name"],
    [
      "a repository's name",
      "POST",
      "/api/v1/repositories",
      { url: "https://github.com/acme/rocket.git", credential: "bot", name: pasted },
      "name",
    ],
    ["a user's name", "POST", "/api/v1/users", { username: pasted, password: "a long enough password", role: "member" }, "username"],
  ] as const) {
    it(`${what}: 400 SECRET_IN_WRONG_FIELD naming the field`, async () => {
      const answer = await server.call(method, path, { auth: admin, body });
      assert.deepEqual(
        [answer.status, answer.body.error?.code, answer.body.error?.field],
        [400, "SECRET_IN_WRONG_FIELD", field],
        answer.text,
      );
      assert.deepEqual(findCanary(answer.text, pasted), []);
    });
  }

  it("left no trace: not in any list, the audit log or the server log", async () => {
    for (const path of ["/api/v1/credentials", "/api/v1/tokens", "/api/v1/repositories", "/api/v1/users", "/api/v1/audit?limit=100"]) {
      const listed = await server.call("GET", path, { auth: admin });
      assert.equal(listed.status, 200, `${path}: ${listed.text}`);
      assert.deepEqual(findCanary(listed.text, pasted), [], path);
    }
    assert.deepEqual(findCanary(server.logs.text, pasted), []);
  });
});
