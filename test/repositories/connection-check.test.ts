import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { findCanary } from "../support/canary.ts";
import { startRepositoryWorld, type CheckBody, type RepositoryWorld } from "./repository-test-setup.ts";

describe("repository connection check against the GitHub fake", () => {
  let world: RepositoryWorld;
  before(async () => {
    world = await startRepositoryWorld();
    for (const [name, token] of Object.entries(world.tokens)) await world.addCredential(world.admin, name, token);
  });
  after(async () => world?.close());

  // A repository is one team record (named after its path): each check registers it anew with the credential under test.
  const check = async (credential: string, fullName: string, extra: Record<string, unknown> = {}): Promise<CheckBody> => {
    const removed = await world.server.call("DELETE", `/api/v1/repositories/${fullName}`, { auth: world.admin });
    assert.ok(removed.status === 204 || removed.status === 404, removed.text);
    const response = await world.addRepository(world.admin, { url: world.url(fullName), credential, ...extra });
    assert.equal(response.status, 201, response.text);
    for (const token of Object.values(world.tokens))
      assert.deepEqual(findCanary(response.text, token), [], "a token leaked into the response");
    return response.body.check as CheckBody;
  };

  it("a valid token gives connected with four passed steps", async () => {
    const result = await check("valid", "octocat/hello");
    assert.equal(result.status, "connected", JSON.stringify(result));
    assert.deepEqual(
      result.steps.map((s) => [s.name, s.status]),
      [
        ["token", "passed"],
        ["visibility", "passed"],
        ["permission", "passed"],
        ["transport", "passed"],
      ],
    );
    const shown = await world.server.call("GET", `/api/v1/repositories/octocat/hello`, { auth: world.admin });
    assert.equal((shown.body.repository as { status: string }).status, "connected");
    assert.equal((shown.body.repository as { defaultBranch: string }).defaultBranch, "main");
  });

  it("a token without the repo scope fails with where to select it on GitHub", async () => {
    const result = await check("noRepoScope", "octocat/hello");
    assert.equal(result.status, "failing");
    assert.equal(result.reasonCode, "GITHUB_TOKEN_SCOPE_MISSING");
    assert.match(result.remedy ?? "", /select the `repo` scope \(the first box under Select scopes\)/);
    assert.doesNotMatch(result.remedy ?? "", /step \d/, "no guide step numbers: the user may never have read the guide");
    assert.deepEqual(
      result.steps.slice(1).map((s) => s.status),
      ["skipped", "skipped", "skipped"],
    );
  });

  it("a revoked token fails with GITHUB_TOKEN_REVOKED", async () => {
    const result = await check("revoked", "octocat/hello");
    assert.equal(result.status, "failing");
    assert.equal(result.reasonCode, "GITHUB_TOKEN_REVOKED");
  });

  it("a token not authorized for SSO fails with the SSO link in the remedy", async () => {
    const result = await check("sso", "acme/platform");
    assert.equal(result.status, "failing");
    assert.equal(result.reasonCode, "GITHUB_SSO_REQUIRED");
    assert.ok(result.remedy?.includes(`${world.fake.url}/orgs/acme/sso`), result.remedy ?? "");
  });

  it("a fine-grained token without access to the repository fails with REPO_NOT_VISIBLE", async () => {
    const result = await check("fineGrainedNoAccess", "octocat/hello");
    assert.equal(result.status, "failing");
    assert.equal(result.reasonCode, "REPO_NOT_VISIBLE");
    assert.match(result.remedy ?? "", /fine-grained token/);
  });

  it("a read-only token is degraded when push is needed and connected for pull", async () => {
    const push = await check("readOnly", "octocat/hello");
    assert.equal(push.status, "degraded");
    assert.equal(push.reasonCode, "PERMISSION_READ_ONLY");
    const pull = await check("readOnly", "octocat/tools", { needs: "pull" });
    assert.equal(pull.status, "connected", JSON.stringify(pull));
  });

  it("an archived repository that needs push is degraded; an expiring token too", async () => {
    assert.equal((await check("valid", "octocat/old")).reasonCode, "REPO_ARCHIVED");
    const expiring = await check("expiring", "octocat/tools");
    assert.equal(expiring.status, "degraded");
    assert.equal(expiring.reasonCode, "TOKEN_EXPIRING");
  });

  it("validate runs again, returns 200 even when failing, and keeps the history", async () => {
    world.fake.revokeToken(world.tokens.valid ?? "");
    // octocat/old is still registered with the "valid" credential (the archived-repository check above).
    const validated = await world.server.call("POST", "/api/v1/repositories/octocat/old/validate", { auth: world.admin });
    assert.equal(validated.status, 200, validated.text);
    assert.equal((validated.body.check as CheckBody).reasonCode, "GITHUB_TOKEN_REVOKED");
    const history = await world.server.call("GET", "/api/v1/repositories/octocat/old/checks", { auth: world.admin });
    const items = history.body.items as { status: string }[];
    assert.deepEqual(
      items.map((c) => c.status),
      ["failing", "degraded"],
    );
    const audit = await world.server.call("GET", "/api/v1/audit?limit=200", { auth: world.admin });
    assert.match(audit.text, /repository\.check/);
    assert.match(audit.text, /credential\.use/);
    for (const token of Object.values(world.tokens)) {
      assert.deepEqual(findCanary(audit.text, token), []);
      assert.deepEqual(findCanary(world.server.logs.text, token), [], "a token leaked into the log");
    }
  });
});
