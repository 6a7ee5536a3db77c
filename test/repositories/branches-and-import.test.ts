import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startRepositoryWorld, type RepositoryWorld } from "./repository-test-setup.ts";

describe("branches, import and token links", () => {
  let world: RepositoryWorld;
  before(async () => {
    world = await startRepositoryWorld();
    await world.addCredential(world.admin, "team", world.tokens.valid ?? "");
  });
  after(async () => world?.close());

  it("lists branches with the default marked, from the API and from git when the API fails", async () => {
    assert.equal((await world.addRepository(world.admin, { url: world.url("octocat/hello"), credential: "team" })).status, 201);
    const api = await world.server.call("GET", "/api/v1/repositories/octocat/hello/branches", { auth: world.admin });
    assert.equal(api.status, 200, api.text);
    assert.equal(api.body.source, "api");
    assert.deepEqual(api.body.items, [
      { name: "dev", default: false, protected: false },
      { name: "main", default: true, protected: true },
    ]);
    world.fake.failNext({ kind: "status", status: 403 });
    const git = await world.server.call("GET", "/api/v1/repositories/octocat/hello/branches", { auth: world.admin });
    assert.equal(git.status, 200, git.text);
    assert.equal(git.body.source, "git");
    assert.deepEqual(
      (git.body.items as { name: string; default: boolean }[]).map((b) => [b.name, b.default]),
      [
        ["dev", false],
        ["main", true],
      ],
    );
  });

  it("imports the repositories the credential can reach, skipping registered and archived ones, and checks them", async () => {
    const imported = await world.server.call("POST", "/api/v1/repositories/import", { auth: world.admin, body: { credential: "team" } });
    assert.equal(imported.status, 201, imported.text);
    assert.deepEqual((imported.body.created as string[]).sort(), ["acme/platform", "octocat/tools"]);
    const skipped = new Map((imported.body.skipped as { name: string; reason: string }[]).map((s) => [s.name, s.reason]));
    assert.equal(skipped.get("octocat/hello"), "already registered");
    assert.match(skipped.get("octocat/old") ?? "", /archived/);
    assert.equal((imported.body.check as { total: number }).total, 2);
    const again = await world.server.call("POST", "/api/v1/repositories/import", {
      auth: world.admin,
      body: { credential: "team", owner: "acme" },
    });
    assert.deepEqual(again.body.created, []);
    const badOwner = await world.server.call("POST", "/api/v1/repositories/import", {
      auth: world.admin,
      body: { credential: "team", owner: "-x" },
    });
    assert.equal(badOwner.body.error?.code, "OWNER_INVALID");
  });

  it("gives prefilled new-token links for a host", async () => {
    const links = await world.server.call("GET", "/api/v1/hosts/ghe.test/new-token-url", { auth: world.alice });
    assert.equal(links.status, 200, links.text);
    assert.ok(String(links.body.classic).startsWith(`${world.fake.url}/settings/tokens/new?scopes=repo&`));
    assert.match(String(links.body.fineGrained), /\/settings\/personal-access-tokens\/new\?.*contents=write/);
    assert.equal((await world.server.call("GET", "/api/v1/hosts/nope/new-token-url", { auth: world.alice })).status, 404);
  });
});
