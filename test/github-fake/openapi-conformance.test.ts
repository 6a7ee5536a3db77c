import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { Secret } from "../../src/core/secret.ts";
import { signAppJwt } from "../../src/integrations/github/app/sign-app-jwt.ts";
import { startGithubFake, type GithubFake } from "./index.ts";
import { validateJsonSchema, type Schema } from "./validate-json-schema.ts";

// The single generated description file; the package's index is not imported.
const spec = JSON.parse(
  readFileSync(new URL("../../node_modules/@octokit/openapi/generated/api.github.com.json", import.meta.url), "utf8"),
);

function responseSchema(template: string, status: number, method = "get"): Schema | null {
  const operation = spec.paths[template]?.[method];
  assert.ok(operation, `${method.toUpperCase()} ${template} is in GitHub's OpenAPI description`);
  let response = operation.responses[String(status)];
  assert.ok(response, `${method.toUpperCase()} ${template} documents status ${status}`);
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
  let installationId = 0;

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
    fake.addUser({ login: "strict", type: "Organization", members: { octocat: "write" } }).fineGrainedPolicy = { maxLifetimeDays: 90 };
    await fake.addRepo({ owner: "strict", name: "vault", private: true });
    tokens.longLived = fake.addToken({ login: "octocat", fineGrained: { owner: "strict", repositories: "all", contents: "read" } });
    tokens.metadataOnly = fake.addToken({ login: "octocat", fineGrained: { repositories: "all", contents: "none" } });
    const app = fake.addApp({ owner: "octocat", name: "Conformance" });
    const installation = fake.installApp({ appId: app.id, account: "acme", repositories: ["acme/platform"] });
    installationId = installation.id;
    tokens.jwt = signAppJwt(String(app.id), new Secret(app.privateKey), Date.now() / 1000).jwt;
    const minted = await fetch(`${fake.apiUrl}/app/installations/${installation.id}/access_tokens`, {
      method: "POST",
      headers: { authorization: `Bearer ${tokens.jwt}` },
    });
    tokens.installation = ((await minted.json()) as { token: string }).token;
  });
  after(() => fake.close());

  const basicError: Schema = { $ref: "#/components/schemas/basic-error" };
  // The generated description flattens this path's `account` anyOf (user or enterprise) into an allOf; the component is right.
  const installations: Schema = { type: "array", items: { $ref: "#/components/schemas/installation" } };
  /** A case: the documented response, or (`schema`) GitHub's own schema where the description leaves out an answer GitHub gives. */
  const cases: [template: string, path: string, token: string, status: number, schema?: Schema][] = [
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
    ["/users/{username}", "/users/acme", "classic", 200],
    ["/users/{username}", "/users/nobody", "classic", 404],
    ["/repos/{owner}/{repo}", "/repos/strict/vault", "longLived", 403],
    ["/repos/{owner}/{repo}/branches", "/repos/octocat/hello/branches", "metadataOnly", 403, basicError],
    ["/app", "/app", "jwt", 200],
    ["/app/installations", "/app/installations", "jwt", 200, installations],
    ["/app/installations/{installation_id}", "/app/installations/{id}", "jwt", 200],
    ["/orgs/{org}/installation", "/orgs/acme/installation", "jwt", 200],
    ["/users/{username}/installation", "/users/acme/installation", "jwt", 200],
    ["/repos/{owner}/{repo}/installation", "/repos/acme/platform/installation", "jwt", 200],
    ["/repos/{owner}/{repo}/installation", "/repos/acme/nope/installation", "jwt", 404],
    ["/installation/repositories", "/installation/repositories", "installation", 200],
    ["/installation/repositories", "/installation/repositories", "classic", 403],
  ];

  for (const [template, pathTemplate, token, status, override] of cases) {
    it(`GET ${pathTemplate} as ${token} → ${status}`, async () => {
      const path = pathTemplate.replace("{id}", String(installationId));
      const response = await fetch(fake.apiUrl + path, { headers: { authorization: `Bearer ${tokens[token]}` }, redirect: "manual" });
      assert.equal(response.status, status);
      assert.match(response.headers.get("x-github-request-id") ?? "", /\S/);
      assert.equal(response.headers.get("x-github-media-type"), "github.v3; format=json");
      const body = await response.json();
      const schema = override ?? responseSchema(template, status);
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

  it("mints installation tokens as GitHub documents POST /app/installations/{installation_id}/access_tokens", async () => {
    const mint = (body: unknown) =>
      fetch(`${fake.apiUrl}/app/installations/${installationId}/access_tokens`, {
        method: "POST",
        headers: { authorization: `Bearer ${tokens.jwt}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const template = "/app/installations/{installation_id}/access_tokens";
    const narrowed = await mint({ repositories: ["platform"], permissions: { contents: "read", metadata: "read" } });
    assert.equal(narrowed.status, 201);
    assert.deepEqual(validateJsonSchema(await narrowed.json(), responseSchema(template, 201, "post")!, spec), []);
    const unselected = await mint({ repositories: ["elsewhere"] });
    assert.equal(unselected.status, 422);
    assert.deepEqual(validateJsonSchema(await unselected.json(), responseSchema(template, 422, "post")!, spec), []);
  });

  it("creates an App from a manifest on /settings/apps/new and converts its code once, as GitHub documents the conversion", async () => {
    const manifest = { name: "Manifest App", url: "http://127.0.0.1:9/", redirect_url: "http://127.0.0.1:9/back?x=1" };
    const created = await fetch(`${fake.url}/organizations/acme/settings/apps/new?state=s-1`, {
      method: "POST",
      body: new URLSearchParams({
        manifest: JSON.stringify({ ...manifest, default_permissions: { contents: "write", metadata: "read" } }),
      }),
      redirect: "manual",
    });
    await created.arrayBuffer();
    assert.equal(created.status, 302);
    const back = new URL(created.headers.get("location") ?? "");
    assert.equal(`${back.origin}${back.pathname}`, "http://127.0.0.1:9/back");
    assert.equal(back.searchParams.get("x"), "1");
    assert.equal(back.searchParams.get("state"), "s-1");
    const code = back.searchParams.get("code") ?? "";
    const template = "/app-manifests/{code}/conversions";
    const convert = () => fetch(`${fake.apiUrl}/app-manifests/${code}/conversions`, { method: "POST" });
    const converted = await convert();
    assert.equal(converted.status, 201);
    const body = (await converted.json()) as { id: number; pem: string; owner: { login: string }; permissions: Record<string, string> };
    assert.deepEqual(validateJsonSchema(body, responseSchema(template, 201, "post")!, spec), []);
    assert.equal(body.owner.login, "acme");
    assert.deepEqual(body.permissions, { contents: "write", metadata: "read" });
    assert.match(body.pem, /^-----BEGIN RSA PRIVATE KEY-----/);
    const jwt = signAppJwt(String(body.id), new Secret(body.pem), Date.now() / 1000).jwt;
    const app = await fetch(`${fake.apiUrl}/app`, { headers: { authorization: `Bearer ${jwt}` } });
    assert.equal(app.status, 200, "the key handed over signs for the new App");
    await app.arrayBuffer();
    const again = await convert();
    assert.equal(again.status, 404, "a code converts once");
    assert.deepEqual(validateJsonSchema(await again.json(), responseSchema(template, 404, "post")!, spec), []);
  });

  it("names the permission a fine-grained token lacks in X-Accepted-GitHub-Permissions", async () => {
    const refused = await fetch(`${fake.apiUrl}/repos/octocat/hello/branches`, {
      headers: { authorization: `Bearer ${tokens.metadataOnly}` },
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get("x-accepted-github-permissions"), "contents=read");
    const policy = await fetch(`${fake.apiUrl}/repos/strict/vault`, { headers: { authorization: `Bearer ${tokens.longLived}` } });
    assert.match(
      ((await policy.json()) as { message: string }).message,
      /forbids access via a fine-grained personal access tokens if the token's lifetime/,
    );
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
