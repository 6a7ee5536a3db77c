import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startGithubFake, type GithubFake } from "./index.ts";

// GitHub publishes no OpenAPI description of GraphQL; these are the answers' shapes and
// headers as GitHub documents them: https://docs.github.com/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api
describe("GitHub fake answers GraphQL like GitHub", () => {
  let fake: GithubFake;
  const tokens: Record<string, string> = {};
  const query = "query { viewer { login databaseId } rateLimit { cost limit remaining resetAt } }";
  const post = (token: string, body: unknown = { query }) =>
    fetch(fake.graphqlUrl, {
      method: "POST",
      headers: { authorization: `bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  before(async () => {
    fake = await startGithubFake();
    fake.addUser({ login: "octocat" });
    fake.addUser({ login: "acme", type: "Organization", members: { octocat: "write" } });
    await fake.addRepo({ owner: "acme", name: "platform", private: true });
    tokens.classic = fake.addToken({ login: "octocat", scopes: ["repo", "workflow"], expiresAt: "2030-01-01T00:00:00Z" });
    tokens.fine = fake.addToken({ login: "octocat", fineGrained: { owner: "acme", repositories: "all", contents: "read" } });
    tokens.revoked = fake.addToken({ login: "octocat", revoked: true });
    tokens.sso = fake.addToken({ login: "octocat", ssoRequired: ["acme"] });
  });
  after(() => fake.close());

  it("answers viewer and rateLimit with the token's headers", async () => {
    const response = await post(tokens.classic!);
    assert.equal(response.status, 200);
    const body = (await response.json()) as { data: { viewer: { login: string; databaseId: number }; rateLimit: Record<string, unknown> } };
    assert.deepEqual(Object.keys(body), ["data"]);
    assert.equal(body.data.viewer.login, "octocat");
    assert.equal(typeof body.data.viewer.databaseId, "number");
    assert.deepEqual(Object.keys(body.data.rateLimit), ["cost", "limit", "remaining", "resetAt"]);
    assert.equal(body.data.rateLimit.cost, 1);
    assert.ok(!Number.isNaN(Date.parse(String(body.data.rateLimit.resetAt))));
    const h = response.headers;
    assert.equal(h.get("x-oauth-scopes"), "repo, workflow");
    assert.equal(h.get("github-authentication-token-expiration"), "2030-01-01 00:00:00 UTC");
    assert.equal(h.get("x-ratelimit-resource"), "graphql");
    for (const name of ["limit", "remaining", "used", "reset"]) assert.match(h.get(`x-ratelimit-${name}`) ?? "", /^\d+$/, name);
    assert.equal(Number(h.get("x-ratelimit-remaining")), body.data.rateLimit.remaining);
    assert.match(h.get("x-github-request-id") ?? "", /\S/);
  });

  it("sends no X-OAuth-Scopes for a fine-grained token", async () => {
    const response = await post(tokens.fine!);
    assert.equal(response.status, 200);
    assert.equal(response.headers.has("x-oauth-scopes"), false);
  });

  it("answers a revoked token with 401 Bad credentials and no data", async () => {
    const response = await post(tokens.revoked!);
    assert.equal(response.status, 401);
    assert.equal(((await response.json()) as { message: string }).message, "Bad credentials");
  });

  it("answers an organization's SAML block per field, with partial results", async () => {
    const response = await post(tokens.sso!, {
      query: 'query { r0: repository(owner: "acme", name: "platform") { nameWithOwner } viewer { login } }',
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as {
      data: { r0: unknown; viewer: { login: string } };
      errors: { type: string; path: string[] }[];
    };
    assert.equal(body.data.r0, null);
    assert.equal(body.data.viewer.login, "octocat", "the token itself works");
    assert.deepEqual(
      body.errors.map((e) => [e.type, e.path]),
      [["FORBIDDEN", ["r0"]]],
    );
    assert.match(response.headers.get("x-github-sso") ?? "", /^partial-results; organizations=\d+$/);
  });
  it("resolves a transferred repository's former name to the repository under its new nameWithOwner", async () => {
    await fake.addRepo({ owner: "octocat", name: "leaving", private: true });
    const before = (await (
      await post(tokens.classic!, { query: 'query { r0: repository(owner: "octocat", name: "leaving") { databaseId } }' })
    ).json()) as {
      data: { r0: { databaseId: number } };
    };
    await fake.moveRepo("octocat/leaving", { owner: "acme", name: "arrived" });
    const response = await post(tokens.classic!, {
      query: 'query { r0: repository(owner: "octocat", name: "leaving") { databaseId nameWithOwner url } }',
    });
    const body = (await response.json()) as { data: { r0: { databaseId: number; nameWithOwner: string; url: string } } };
    assert.equal(body.data.r0.nameWithOwner, "acme/arrived");
    assert.equal(body.data.r0.databaseId, before.data.r0.databaseId);
    assert.equal(body.data.r0.url, `${fake.url}/acme/arrived`);
  });
});
