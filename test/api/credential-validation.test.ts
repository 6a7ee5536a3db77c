import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { credentialCheckerByKind } from "../../src/integrations/credential-checker-by-kind.ts";
import { startGithubFake, type GithubFake } from "../github-fake/index.ts";
import { findCanary } from "../support/canary.ts";
import { bootstrapAdmin, startTestServer, type TestServer } from "../support/test-server.ts";

type Problem = { code: string; severity: string; message: string; remedy: string };

describe("credentials checked online against a GitHub Enterprise look-alike", () => {
  let server: TestServer;
  let fake: GithubFake;
  let admin: string;

  before(async () => {
    fake = await startGithubFake();
    fake.addUser({ login: "octocat" });
    server = await startTestServer();
    server.runtime.deps.checker = credentialCheckerByKind(server.runtime.deps.integrations);
    admin = await bootstrapAdmin(server);
    const host = await server.call("POST", "/api/v1/hosts", {
      auth: admin,
      body: { name: "ghe.test", url: fake.url, allowPrivateNetwork: true },
    });
    assert.equal(host.status, 201, host.text);
    // The same fake under another origin (an origin is registered once), without the private-network allowance.
    const privateUrl = fake.url.replace("127.0.0.1", "localhost");
    const privateHost = await server.call("POST", "/api/v1/hosts", { auth: admin, body: { name: "ghe.private", url: privateUrl } });
    assert.equal(privateHost.status, 201, privateHost.text);
  });
  after(async () => {
    await server.close();
    await fake.close();
  });

  async function add(name: string, token: string, host = "ghe.test"): Promise<Awaited<ReturnType<TestServer["call"]>>> {
    const response = await server.call("POST", "/api/v1/credentials", {
      auth: admin,
      body: { name, type: "token", username: "octocat", secret: token, host },
    });
    assert.deepEqual(findCanary(response.text, token), [], "the token is never echoed");
    return response;
  }

  it("a valid token with `repo` is stored with its identity, scopes and expiry", async () => {
    const expiresAt = new Date(Date.now() + 60 * 86_400_000);
    const created = await add("good", fake.addToken({ login: "octocat", scopes: ["repo", "read:org"], expiresAt }));
    assert.equal(created.status, 201, created.text);
    const view = created.body.credential as { status: string; expiresAt: string; validation: { login: string; scopes: string[] } };
    assert.equal(view.status, "valid");
    assert.equal(view.validation.login, "octocat");
    assert.deepEqual(view.validation.scopes, ["repo", "read:org"]);
    assert.equal(view.expiresAt.slice(0, 10), expiresAt.toISOString().slice(0, 10));
  });

  it("each broken token is refused with its own reason and remedy, and nothing is stored", async () => {
    const cases: [string, string, RegExp][] = [
      [fake.addToken({ login: "octocat", scopes: ["read:user"] }), "GITHUB_TOKEN_SCOPE_MISSING", /repo/],
      [fake.addToken({ login: "octocat", revoked: true }), "GITHUB_TOKEN_REVOKED", /new token|generate/i],
      [fake.addToken({ login: "octocat", expiresAt: new Date(Date.now() - 86_400_000) }), "GITHUB_TOKEN_REVOKED", /token/i],
    ];
    for (const [i, [token, code, remedy]] of cases.entries()) {
      const response = await add(`broken-${i}`, token);
      assert.equal(response.status, 400, response.text);
      assert.equal(response.body.error?.code, "CREDENTIAL_CHECK_FAILED");
      assert.equal(response.body.error?.field, "secret");
      const problems = (response.body.error as { details?: { problems?: Problem[] } }).details?.problems ?? [];
      const problem = problems.find((p) => p.code === code);
      assert.ok(problem, `${code} in ${JSON.stringify(problems.map((p) => p.code))}`);
      assert.match(problem.remedy, remedy);
    }
    const names = ((await server.call("GET", "/api/v1/credentials", { auth: admin })).body.items as { name: string }[]).map((c) => c.name);
    assert.deepEqual(names, ["good"]);
  });

  it("dangerous extra scopes are stored with a warning", async () => {
    const created = await add("too-strong", fake.addToken({ login: "octocat", scopes: ["repo", "delete_repo", "admin:org"] }));
    assert.equal(created.status, 201, created.text);
    const view = created.body.credential as { status: string; validation: { problems: Problem[] } };
    assert.equal(view.status, "warning");
    assert.ok(view.validation.problems.some((p) => p.code === "GITHUB_TOKEN_SCOPE_EXCESSIVE"));
  });

  it("a mistyped token is refused offline: GitHub is never asked", async () => {
    const token = fake.addToken({ login: "octocat" });
    const before = fake.counters.rest;
    const typo = token.slice(0, 8) + (token[8] === "x" ? "y" : "x") + token.slice(9);
    const response = await add("typo", typo);
    assert.equal(response.status, 400);
    assert.equal(response.body.error?.code, "TOKEN_CHECKSUM_MISMATCH");
    assert.equal(fake.counters.rest, before);
  });

  it("a host on a private address without allowPrivateNetwork is never contacted (SSRF)", async () => {
    const before = fake.counters.rest;
    const response = await add("private", fake.addToken({ login: "octocat" }), "ghe.private");
    assert.equal(fake.counters.rest, before, "no request reached the private address");
    assert.equal(response.status, 502, response.text);
    assert.equal(response.body.error?.code, "HOST_ADDRESS_REFUSED");
    const stored = await server.runtime.deps.store.credentials.findByName("private", null);
    assert.equal(stored, undefined, "nothing stored");
  });

  it("validate re-checks a stored credential and notices revocation", async () => {
    const token = fake.addToken({ login: "octocat" });
    assert.equal((await add("soon-revoked", token)).status, 201);
    fake.revokeToken(token);
    const response = await server.call("POST", "/api/v1/credentials/soon-revoked/validate", { auth: admin });
    assert.equal(response.status, 200, response.text);
    assert.equal((response.body.credential as { status: string }).status, "invalid");
    assert.deepEqual(findCanary(response.text + server.logs.text, token), []);
  });
});
