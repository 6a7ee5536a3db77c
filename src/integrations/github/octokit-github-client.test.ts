import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { inspect } from "node:util";
import { startGithubFake, type GithubFake } from "../../../test/github-fake/index.ts";
import { generateTestToken } from "../../../test/support/github-tokens.ts";
import { AppError } from "../../core/errors.ts";
import { classifyToken } from "./classify-token.ts";
import { assessToken } from "./token-report.ts";
import type { GithubApiTarget } from "./github-client.ts";
import { Secret } from "../../core/secret.ts";
import { startCountingServer } from "../../adapters/net/start-counting-server.ts";
import { OctokitGithubClient } from "./octokit-github-client.ts";

const client = new OctokitGithubClient({ retryBaseDelayMs: 1, rateLimitRetryCapSeconds: 2, timeoutMs: 10_000 });

/** Asserts the promise rejects with an AppError of `code` that nowhere holds `token`. */
async function rejectsWith(promise: Promise<unknown>, code: string, token: string): Promise<AppError> {
  const error = await promise.then(
    () => assert.fail("expected a rejection"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof AppError, String(error));
  assert.equal(error.code, code);
  for (const text of [error.message, error.stack ?? "", JSON.stringify(error.details ?? {}), inspect(error, { depth: 10 })]) {
    assert.ok(!text.includes(token), "the token leaked into the error");
  }
  return error;
}

describe("OctokitGithubClient against the GitHub fake", () => {
  let fake: GithubFake;
  let target: GithubApiTarget;
  const expiresAt = new Date(Date.now() + 3 * 24 * 3600 * 1000);
  before(async () => {
    fake = await startGithubFake();
    target = { apiUrl: fake.apiUrl, allowPrivateNetwork: true };
    fake.addUser({ login: "octocat" });
    fake.addUser({ login: "acme", type: "Organization", members: { octocat: "write" } });
    await fake.addRepo({
      owner: "octocat",
      name: "hello",
      private: true,
      branches: Array.from({ length: 250 }, (_, i) => `b${String(i).padStart(3, "0")}`),
      protectedBranches: ["main"],
    });
    await fake.addRepo({ owner: "acme", name: "platform", private: true });
  });
  after(() => fake.close());
  const secret = (value: string) => new Secret(value);
  const logSince = async (run: () => Promise<unknown>) => {
    const start = fake.log.length;
    await run().catch(() => undefined);
    return fake.log.slice(start);
  };

  it("reads a classic token's identity, scopes, expiry and rate limit", async () => {
    const token = fake.addToken({ login: "octocat", scopes: ["repo", "workflow"], expiresAt });
    const inspection = await client.inspectToken(target, secret(token));
    assert.equal(inspection.outcome, "valid");
    assert.ok(inspection.outcome === "valid");
    assert.equal(inspection.login, "octocat");
    assert.deepEqual(inspection.scopes, ["repo", "workflow"]);
    assert.equal(inspection.expiresAt, new Date(Math.floor(expiresAt.getTime() / 1000) * 1000).toISOString());
    assert.equal(inspection.rateLimit?.limit, 5000);
    assert.deepEqual(
      assessToken(classifyToken(token), inspection).problems.map((p) => p.code),
      ["GITHUB_TOKEN_EXPIRING"],
    );
  });

  it("reports a token without the repo scope", async () => {
    const token = fake.addToken({ login: "octocat", scopes: ["read:user"] });
    const inspection = await client.inspectToken(target, secret(token));
    assert.ok(inspection.outcome === "valid");
    assert.deepEqual(inspection.scopes, ["read:user"]);
    assert.equal(assessToken(classifyToken(token), inspection).problems[0]?.code, "GITHUB_TOKEN_SCOPE_MISSING");
    await rejectsWith(client.getRepository(target, secret(token), "octocat", "hello"), "GITHUB_REPO_NOT_FOUND", token);
  });

  it("reports a revoked token after exactly one request: a 401 is never retried", async () => {
    const token = fake.addToken({ login: "octocat", revoked: true });
    let inspection;
    const log = await logSince(async () => (inspection = await client.inspectToken(target, secret(token))));
    assert.deepEqual(inspection, { outcome: "revoked" });
    assert.deepEqual(log, ["GET /api/v3/user"]);
    await rejectsWith(client.getRepository(target, secret(token), "octocat", "hello"), "GITHUB_TOKEN_REVOKED", token);
  });

  it("reports SAML SSO with the authorization URL", async () => {
    const token = fake.addToken({ login: "octocat", ssoRequired: ["acme"] });
    const error = await rejectsWith(client.getRepository(target, secret(token), "acme", "platform"), "GITHUB_SSO_REQUIRED", token);
    assert.match(String(error.details?.ssoUrl), new RegExp(`^${fake.url}/orgs/acme/sso\\?authorization_request=`));
    const repos = await client.listAccessibleRepositories(target, secret(token));
    assert.deepEqual(
      repos.map((r) => r.fullName),
      ["octocat/hello"],
    );
  });

  it("reads a fine-grained token: no scopes header, repository access per token", async () => {
    const token = fake.addToken({ login: "octocat", fineGrained: { repositories: ["octocat/hello"], contents: "read" } });
    const inspection = await client.inspectToken(target, secret(token));
    assert.ok(inspection.outcome === "valid");
    assert.equal(inspection.scopes, null);
    const repo = await client.getRepository(target, secret(token), "octocat", "hello");
    assert.deepEqual(repo.permissions, { admin: false, maintain: false, push: false, triage: false, pull: true });
  });

  it("folds the token check into a GraphQL batch: GET /user's inspection, from one request", async () => {
    const token = fake.addToken({ login: "octocat", scopes: ["repo", "workflow"], expiresAt });
    const repos = [{ owner: "octocat", name: "hello" }];
    let batch;
    const log = await logSince(async () => (batch = await client.getRepositoriesBatch(target, secret(token), repos, { viewer: true })));
    assert.deepEqual(log, ["POST /api/graphql"]);
    assert.equal(batch!.entries[0]?.outcome, "found");
    const rest = await client.inspectToken(target, secret(token));
    assert.ok(rest.outcome === "valid" && batch!.viewer);
    assert.deepEqual({ ...batch!.viewer, rateLimit: null }, { ...rest, rateLimit: null }, "login, id, scopes and expiry agree");
    assert.equal(batch!.viewer.rateLimit?.remaining, 4999, "the GraphQL budget, from X-RateLimit-*");
    assert.equal((await client.getRepositoriesBatch(target, secret(token), repos)).viewer, undefined, "not asked, not read");
  });

  it("fails a GraphQL batch of a revoked token after exactly one request", async () => {
    const token = fake.addToken({ login: "octocat", revoked: true });
    const log = await logSince(() =>
      rejectsWith(
        client.getRepositoriesBatch(target, secret(token), [{ owner: "octocat", name: "hello" }], { viewer: true }),
        "GITHUB_TOKEN_REVOKED",
        token,
      ),
    );
    assert.deepEqual(log, ["POST /api/graphql"]);
  });

  it("retries a short secondary rate limit once, and gives up on a long one", async () => {
    const token = fake.addToken({ login: "octocat" });
    fake.failNext({ kind: "secondary-rate-limit", retryAfterSeconds: 1 });
    let inspection;
    let log = await logSince(async () => (inspection = await client.inspectToken(target, secret(token))));
    assert.equal(inspection!.outcome, "valid");
    assert.equal(log.length, 2);
    fake.failNext({ kind: "secondary-rate-limit", retryAfterSeconds: 120 });
    log = await logSince(async () => (inspection = await client.inspectToken(target, secret(token))));
    assert.equal(inspection!.outcome, "rate-limited");
    assert.equal(log.length, 1);
    fake.failNext({ kind: "primary-rate-limit", resetInSeconds: 600 });
    inspection = await client.inspectToken(target, secret(token));
    assert.ok(inspection.outcome === "rate-limited");
    assert.ok(Date.parse(inspection.resetAt ?? "") > Date.now() + 500_000);
    fake.failNext({ kind: "primary-rate-limit", resetInSeconds: 600 });
    await rejectsWith(client.getRepository(target, secret(token), "octocat", "hello"), "GITHUB_RATE_LIMITED", token);
  });

  it("reports a GET /user answered with 403, 404 or a lasting server error as not checked, naming the status", async () => {
    const token = fake.addToken({ login: "octocat" });
    for (const [status, times] of [
      [403, 1],
      [404, 1],
      [500, 3],
      [502, 3],
    ] as const) {
      fake.failNext({ kind: "status", status }, times);
      let inspection;
      const log = await logSince(async () => (inspection = await client.inspectToken(target, secret(token))));
      assert.deepEqual(inspection, { outcome: "unreachable", reason: `GitHub answered GET /user with HTTP ${status}` });
      assert.equal(log.length, times, `requests for HTTP ${status}`);
    }
    assert.equal((await client.inspectToken(target, secret(token))).outcome, "valid", "every forced failure was used up");
  });

  it("retries server errors but not 404", async () => {
    const token = fake.addToken({ login: "octocat" });
    fake.failNext({ kind: "status", status: 502 }, 2);
    const log = await logSince(() => client.getRepository(target, secret(token), "octocat", "hello"));
    assert.equal(log.length, 3);
    const missing = await logSince(() => client.getRepository(target, secret(token), "octocat", "nope"));
    assert.equal(missing.length, 1);
    fake.failNext({ kind: "status", status: 500 }, 3);
    await rejectsWith(client.getRepository(target, secret(token), "octocat", "hello"), "GITHUB_UNEXPECTED_RESPONSE", token);
  });

  it("reads repository permissions of read-only and writing tokens", async () => {
    const readOnly = fake.addToken({ login: "octocat", readOnly: true });
    const writer = fake.addToken({ login: "octocat" });
    const ro = await client.getRepository(target, secret(readOnly), "acme", "platform");
    assert.deepEqual(ro.permissions, { admin: false, maintain: false, push: false, triage: false, pull: true });
    const rw = await client.getRepository(target, secret(writer), "acme", "platform");
    assert.equal(rw.permissions?.push, true);
    assert.equal(rw.permissions?.admin, false);
    assert.match(rw.id ?? "", /^\d+$/, "GitHub's id of the repository, as text");
    assert.deepEqual(
      { ...rw, permissions: null },
      {
        id: rw.id,
        owner: "acme",
        name: "platform",
        fullName: "acme/platform",
        private: true,
        archived: false,
        defaultBranch: "main",
        cloneUrl: `${fake.url}/acme/platform.git`,
        sshUrl: "git@127.0.0.1:acme/platform.git",
        htmlUrl: `${fake.url}/acme/platform`,
        permissions: null,
      },
    );
  });

  it("lists every branch across pages", async () => {
    const token = fake.addToken({ login: "octocat" });
    let branches: { name: string; protected: boolean }[] = [];
    const log = await logSince(async () => (branches = await client.listBranches(target, secret(token), "octocat", "hello")));
    assert.equal(branches.length, 251);
    assert.equal(log.length, 3);
    assert.deepEqual(
      branches.filter((b) => b.protected).map((b) => b.name),
      ["main"],
    );
  });

  it("lists accessible repositories overall, of an organization and of a user", async () => {
    const token = fake.addToken({ login: "octocat" });
    assert.deepEqual(
      (await client.listAccessibleRepositories(target, secret(token))).map((r) => r.fullName),
      ["acme/platform", "octocat/hello"],
    );
    assert.deepEqual(
      (await client.listAccessibleRepositories(target, secret(token), "acme")).map((r) => r.fullName),
      ["acme/platform"],
    );
    assert.deepEqual(
      (await client.listAccessibleRepositories(target, secret(token), "octocat")).map((r) => r.fullName),
      ["octocat/hello"],
    );
  });
});

describe("OctokitGithubClient failures without GitHub", () => {
  const token = generateTestToken();
  const stub =
    (status: number, headers: Record<string, string>, body: unknown): typeof fetch =>
    async () =>
      new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

  it("reports unreachable hosts without the token", async () => {
    const c = new OctokitGithubClient({ retryLimit: 0 });
    const inspection = await c.inspectToken({ apiUrl: "http://127.0.0.1:1/api/v3", allowPrivateNetwork: true }, new Secret(token));
    assert.equal(inspection.outcome, "unreachable");
    assert.ok(!JSON.stringify(inspection).includes(token));
  });

  it("reads an SSO demand on GET /user", async () => {
    const url = "https://github.com/orgs/acme/sso?authorization_request=abc";
    const c = new OctokitGithubClient({
      fetch: stub(403, { "x-github-sso": `required; url=${url}` }, { message: "Resource protected by organization SAML enforcement." }),
    });
    assert.deepEqual(await c.inspectToken({ apiUrl: "https://api.github.com", allowPrivateNetwork: false }, new Secret(token)), {
      outcome: "sso-required",
      ssoUrl: url,
    });
  });

  it("does not follow a next-page link to another host: that host is never contacted", async () => {
    // The foreign host answers an empty last page: were its link followed, the listing would succeed.
    const foreign = await startCountingServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" }).end("[]");
    });
    const api = await startCountingServer((_request, response) => {
      response
        .writeHead(200, { "content-type": "application/json", link: `<${foreign.origin}/api/v3/user/repos?page=2>; rel="next"` })
        .end("[]");
    });
    try {
      const c = new OctokitGithubClient({ retryLimit: 0 });
      const error = await rejectsWith(
        c.listAccessibleRepositories({ apiUrl: `${api.origin}/api/v3`, allowPrivateNetwork: true }, new Secret(token)),
        "GITHUB_UNEXPECTED_RESPONSE",
        token,
      );
      assert.match(error.message, /next-page link points to another host/);
      assert.deepEqual(
        api.requests.map((r) => [r.method, r.path, r.headers.authorization]),
        [["GET", "/api/v3/user/repos?per_page=100", `token ${token}`]],
      );
      assert.equal(foreign.connections, 0, "the foreign host was contacted");
    } finally {
      await Promise.all([foreign.close(), api.close()]);
    }
  });

  it("refuses a token that cannot travel in a header, without echoing it", async () => {
    const c = new OctokitGithubClient({ fetch: stub(200, {}, {}) });
    await rejectsWith(
      c.inspectToken({ apiUrl: "https://api.github.com", allowPrivateNetwork: false }, new Secret("pass word\n")),
      "GITHUB_TOKEN_UNUSABLE",
      "pass word",
    );
  });

  it("passes an AppError from the injected fetch through", async () => {
    const refusing: typeof fetch = async () => {
      throw new AppError("forbidden", "HOST_ADDRESS_REFUSED", "The address is not allowed.");
    };
    const c = new OctokitGithubClient({ fetch: refusing, retryLimit: 0 });
    await rejectsWith(
      c.inspectToken({ apiUrl: "https://api.github.com", allowPrivateNetwork: false }, new Secret(token)),
      "HOST_ADDRESS_REFUSED",
      token,
    );
  });
});
