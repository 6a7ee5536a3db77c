import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { startGithubFake, type GithubFake } from "./index.ts";
import { validateJsonSchema, type Schema } from "./validate-json-schema.ts";

// The single generated description file; the package's index is not imported.
const spec = JSON.parse(
  readFileSync(new URL("../../node_modules/@octokit/openapi/generated/api.github.com.json", import.meta.url), "utf8"),
);

function responseSchema(template: string, status: number): Schema | null {
  const operation = spec.paths[template]?.get;
  assert.ok(operation, `GET ${template} is in GitHub's OpenAPI description`);
  let response = operation.responses[String(status)];
  assert.ok(response, `GET ${template} documents status ${status}`);
  if (response.$ref)
    response = response.$ref
      .replace(/^#\//, "")
      .split("/")
      .reduce((n: Record<string, unknown>, k: string) => n[k], spec);
  return response.content?.["application/json"]?.schema ?? null;
}

describe("GitHub fake conforms to GitHub's OpenAPI description", () => {
  let fake: GithubFake;
  const tokens: Record<string, string> = {};

  before(async () => {
    fake = await startGithubFake();
    fake.addUser({ login: "octocat", name: "The Octocat" });
    fake.addUser({ login: "acme", type: "Organization", members: { octocat: "write" } });
    await fake.addRepo({ owner: "octocat", name: "hello", private: true, branches: ["dev", "feature/x"], protectedBranches: ["main"] });
    await fake.addRepo({ owner: "octocat", name: "public-one" });
    await fake.addRepo({ owner: "acme", name: "platform", private: true, description: "The platform" });
    await fake.addRepo({ owner: "octocat", name: "before-rename", private: true, branches: ["dev"] });
    await fake.moveRepo("octocat/before-rename", { owner: "acme", name: "after-transfer" });
    tokens.classic = fake.addToken({ login: "octocat", scopes: ["repo", "workflow"], expiresAt: "2030-01-01T00:00:00Z" });
    tokens.fine = fake.addToken({ login: "octocat", fineGrained: { repositories: ["octocat/hello"], contents: "read" } });
    tokens.revoked = fake.addToken({ login: "octocat", revoked: true });
    tokens.sso = fake.addToken({ login: "octocat", ssoRequired: ["acme"] });
  });
  after(() => fake.close());

  const cases: [template: string, path: string, token: string, status: number][] = [
    ["/user", "/user", "classic", 200],
    ["/user", "/user", "fine", 200],
    ["/user", "/user", "revoked", 401],
    ["/repos/{owner}/{repo}", "/repos/octocat/hello", "classic", 200],
    ["/repos/{owner}/{repo}", "/repos/acme/platform", "classic", 200],
    ["/repos/{owner}/{repo}", "/repos/acme/platform", "fine", 404],
    ["/repos/{owner}/{repo}", "/repos/acme/platform", "sso", 403],
    ["/repos/{owner}/{repo}/branches", "/repos/octocat/hello/branches?per_page=2", "classic", 200],
    ["/repos/{owner}/{repo}/branches", "/repos/octocat/nope/branches", "classic", 404],
    ["/repos/{owner}/{repo}", "/repos/octocat/before-rename", "classic", 301],
    ["/user/repos", "/user/repos", "classic", 200],
    ["/user/repos", "/user/repos", "sso", 200],
    ["/user/repos", "/user/repos", "revoked", 401],
    ["/orgs/{org}/repos", "/orgs/acme/repos", "classic", 200],
    ["/users/{username}/repos", "/users/octocat/repos", "classic", 200],
    ["/rate_limit", "/rate_limit", "classic", 200],
  ];

  for (const [template, path, token, status] of cases) {
    it(`GET ${path} as ${token} → ${status}`, async () => {
      const response = await fetch(fake.apiUrl + path, { headers: { authorization: `token ${tokens[token]}` }, redirect: "manual" });
      assert.equal(response.status, status);
      assert.match(response.headers.get("x-github-request-id") ?? "", /\S/);
      assert.equal(response.headers.get("x-github-media-type"), "github.v3; format=json");
      const body = await response.json();
      const schema = responseSchema(template, status);
      assert.ok(schema, "the documented response has a JSON schema");
      assert.deepEqual(validateJsonSchema(body, schema, spec), []);
      if (Array.isArray(body)) assert.ok(body.length > 0, "a list case should exercise the item schema");
    });
  }

  it("redirects a moved repository's former name to /repositories/{id}, which answers with the new name", async () => {
    const headers = { authorization: `token ${tokens.classic}` };
    const moved = await fetch(`${fake.apiUrl}/repos/octocat/before-rename/branches?per_page=1`, { headers, redirect: "manual" });
    await moved.arrayBuffer();
    assert.equal(moved.status, 301);
    const location = moved.headers.get("location") ?? "";
    assert.match(location, new RegExp(`^${fake.apiUrl}/repositories/\\d+/branches\\?per_page=1$`));
    const followed = await fetch(`${fake.apiUrl}/repos/octocat/before-rename`, { headers });
    assert.equal(followed.status, 200);
    assert.match(followed.url, /\/repositories\/\d+$/);
    const body = (await followed.json()) as { full_name: string };
    assert.equal(body.full_name, "acme/after-transfer");
    // GitHub documents no path for /repositories/{id}; it answers as GET /repos/{owner}/{repo} does.
    assert.deepEqual(validateJsonSchema(body, responseSchema("/repos/{owner}/{repo}", 200)!, spec), []);
    const branches = await fetch(location, { headers });
    assert.deepEqual(validateJsonSchema(await branches.json(), responseSchema("/repos/{owner}/{repo}/branches", 200)!, spec), []);
  });

  it("answers a conditional GET with 304 where GitHub documents it", async () => {
    const headers = { authorization: `token ${tokens.classic}` };
    const first = await fetch(`${fake.apiUrl}/user`, { headers });
    await first.arrayBuffer();
    const etag = first.headers.get("etag");
    assert.ok(etag);
    const second = await fetch(`${fake.apiUrl}/user`, { headers: { ...headers, "if-none-match": etag } });
    assert.equal(second.status, 304);
    responseSchema("/user", 304);
  });

  it("sends GitHub's token headers", async () => {
    const classic = await fetch(`${fake.apiUrl}/user`, { headers: { authorization: `Bearer ${tokens.classic}` } });
    assert.equal(classic.headers.get("x-oauth-scopes"), "repo, workflow");
    assert.equal(classic.headers.get("github-authentication-token-expiration"), "2030-01-01 00:00:00 UTC");
    for (const h of ["limit", "remaining", "used", "reset", "resource"]) assert.ok(classic.headers.has(`x-ratelimit-${h}`), h);
    const fine = await fetch(`${fake.apiUrl}/user`, { headers: { authorization: `Bearer ${tokens.fine}` } });
    assert.equal(fine.headers.has("x-oauth-scopes"), false);
    const sso = await fetch(`${fake.apiUrl}/repos/acme/platform`, { headers: { authorization: `token ${tokens.sso}` } });
    assert.match(
      sso.headers.get("x-github-sso") ?? "",
      /^required; url=http:\/\/127\.0\.0\.1:\d+\/orgs\/acme\/sso\?authorization_request=/,
    );
    const partial = await fetch(`${fake.apiUrl}/user/repos`, { headers: { authorization: `token ${tokens.sso}` } });
    assert.match(partial.headers.get("x-github-sso") ?? "", /^partial-results; organizations=\d+$/);
  });
});
