import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { findCanary } from "../support/canary.ts";
import { startRepositoryWorld, type RepositoryWorld } from "./repository-test-setup.ts";

describe("repository registration: hosts, credentials and bad input", () => {
  let world: RepositoryWorld;
  before(async () => {
    world = await startRepositoryWorld();
    await world.addCredential(world.admin, "team", world.tokens.valid ?? "");
    await world.addCredential(world.alice, "alice-own", world.tokens.valid ?? "", { scope: "private" });
    const dotcom = await world.server.call("POST", "/api/v1/credentials", {
      auth: world.admin,
      body: { name: "dotcom", type: "token", secret: world.tokens.valid, validate: false },
    });
    assert.equal(dotcom.status, 201, dotcom.text);
  });
  after(async () => world?.close());

  const count = async () => (await world.server.runtime.deps.store.repositories.list()).length;

  it("refuses a credential bound to another host, and nothing reaches GitHub (SECURITY 28)", async () => {
    const stored = await count();
    const before = { ...world.fake.counters };
    for (const url of [world.url("octocat/hello"), "https://github.com/octocat/hello.git"]) {
      const credential = url.startsWith("https://github.com") ? "team" : "dotcom";
      const response = await world.addRepository(world.admin, { url, credential });
      assert.equal(response.status, 400, response.text);
      assert.equal(response.body.error?.code, "CREDENTIAL_HOST_MISMATCH");
      assert.equal(response.body.error?.field, "credential");
    }
    assert.deepEqual(world.fake.counters, before, "a request reached the GitHub fake");
    assert.equal(await count(), stored);
  });

  it(
    "refuses to check a repository whose stored credential is bound to another host, " + "and nothing reaches GitHub (SECURITY 28)",
    async () => {
      const created = await world.addRepository(world.admin, { url: world.url("octocat/hello"), credential: "team" });
      assert.equal(created.status, 201, created.text);
      try {
        // As if the row had been re-pointed behind the API's back: the check itself must refuse.
        const repository = await world.server.runtime.deps.store.repositories.findByName("octocat/hello");
        const dotcom = await world.server.runtime.deps.store.credentials.findByName("dotcom", null);
        assert.ok(repository && dotcom);
        await world.server.runtime.deps.store.repositories.update(repository.id, { credentialId: dotcom.id });
        const before = { ...world.fake.counters };
        const check = await world.server.call("POST", "/api/v1/repositories/octocat/hello/validate", { auth: world.admin });
        assert.equal(check.status, 400, check.text);
        assert.equal(check.body.error?.code, "CREDENTIAL_HOST_MISMATCH");
        assert.deepEqual(world.fake.counters, before, "a request reached the GitHub fake");
      } finally {
        await world.server.call("DELETE", "/api/v1/repositories/octocat/hello", { auth: world.admin });
      }
    },
  );

  it("a member cannot use another member's private credential: 404 like a missing one (SECURITY 29)", async () => {
    const stored = await count();
    const other = await world.addRepository(world.bob, { url: world.url("octocat/hello"), credential: "alice-own" });
    const missing = await world.addRepository(world.bob, { url: world.url("octocat/hello"), credential: "no-such-credential" });
    assert.equal(other.status, 404);
    assert.equal(missing.status, 404);
    assert.equal(other.body.error?.code, "CREDENTIAL_NOT_FOUND");
    assert.equal(other.body.error?.message.replace("alice-own", "X"), missing.body.error?.message.replace("no-such-credential", "X"));
    assert.equal(await count(), stored);
  });

  it("a repository using a private credential is a team record: every member sees it, nobody else uses that credential", async () => {
    const created = await world.addRepository(world.alice, { url: world.url("octocat/hello"), credential: "alice-own" });
    assert.equal(created.status, 201, created.text);
    try {
      const bobList = await world.server.call("GET", "/api/v1/repositories", { auth: world.bob });
      const listed = bobList.body.items as { name: string; credential: string | null }[];
      assert.deepEqual(
        listed.map((r) => [r.name, r.credential]),
        [["octocat/hello", null]],
        "bob sees the record, not alice's private credential's name",
      );
      const shown = await world.server.call("GET", "/api/v1/repositories/octocat/hello", { auth: world.bob });
      assert.equal(shown.status, 200, shown.text);
      assert.equal((shown.body.repository as { credential: string | null }).credential, null);
      assert.equal((shown.body.repository as { servedBy?: unknown }).servedBy ?? null, null, "nothing serves bob");
      const validate = await world.server.call("POST", "/api/v1/repositories/octocat/hello/validate", { auth: world.bob });
      assert.equal(validate.status, 403, validate.text);
      assert.equal(validate.body.error?.code, "CREDENTIAL_UNAVAILABLE");
      assert.match(validate.body.error?.message ?? "", /repolink repo map octocat\/hello --credential NAME/);
      assert.ok(!validate.text.includes("alice-own"), "alice's private credential is not named to bob");
      const remove = await world.server.call("DELETE", "/api/v1/repositories/octocat/hello", { auth: world.bob });
      assert.equal(remove.status, 403, "a member removes only their own registrations");
      const missing = await world.server.call("GET", "/api/v1/repositories/no-such/checks", { auth: world.bob });
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error?.code, "REPOSITORY_NOT_FOUND");
      const aliceShown = await world.server.call("GET", "/api/v1/repositories/octocat/hello", { auth: world.alice });
      assert.equal((aliceShown.body.repository as { credential: string | null }).credential, "alice-own");
    } finally {
      await world.server.call("DELETE", "/api/v1/repositories/octocat/hello", { auth: world.alice });
    }
  });

  it("refuses bad URLs with 400 REPO_URL_INVALID on field url, and stores nothing", async () => {
    const before = await count();
    const bad = [
      "http://%0dprotocol=https%0dhost=github.com%0d@localhost:1/",
      `${world.fake.url}/octocat/hello%0a.git`,
      "https:///x",
      "github.com/octocat/hello",
      "ext::sh -c touch% /tmp/pwned",
      "file:///etc/passwd",
      "git://github.com/octocat/hello.git",
      "ssh://-oProxyCommand=touch%20x/o/r",
      "git@-oX:repo",
      "--upload-pack=touch /tmp/x",
      "http://github.com/octocat/hello.git",
    ];
    for (const url of bad) {
      const response = await world.addRepository(world.admin, { url, credential: "team" });
      assert.equal(response.status, 400, `${url}: ${response.text}`);
      assert.equal(response.body.error?.code, "REPO_URL_INVALID", url);
      assert.equal(response.body.error?.field, "url");
      assert.deepEqual(findCanary(response.text, world.tokens.valid ?? ""), []);
    }
    // A token inside the URL is named for what it is, and never echoed (SECURITY: secrets in the wrong field).
    const withToken = await world.addRepository(world.admin, {
      url: `http://x:${world.tokens.valid}@${world.fake.url.slice(7)}/octocat/hello.git`,
      credential: "team",
    });
    assert.equal(withToken.status, 400, withToken.text);
    assert.equal(withToken.body.error?.code, "SECRET_IN_WRONG_FIELD");
    assert.equal(withToken.body.error?.field, "url");
    assert.deepEqual(findCanary(withToken.text, world.tokens.valid ?? ""), []);
    for (const url of ["https://github.com.evil.tld/o/r", "https://evilgithub.com/o/r"]) {
      assert.equal((await world.addRepository(world.admin, { url, credential: "team" })).body.error?.code, "HOST_UNKNOWN");
    }
    const github = await world.addRepository(world.admin, { url: "https://github.com@evil.tld/o/r", credential: "team" });
    assert.equal(github.body.error?.code, "REPO_URL_INVALID");
    const extra = await world.addRepository(world.admin, { url: world.url("octocat/hello"), credential: "team", password: "x" });
    assert.equal(extra.body.error?.code, "INPUT_INVALID");
    const branch = await world.addRepository(world.admin, {
      url: world.url("octocat/hello"),
      credential: "team",
      branch: "--upload-pack=x",
    });
    assert.equal(branch.body.error?.code, "BRANCH_INVALID");
    assert.equal(await count(), before);
  });

  it("accepts the owner/name path form and URL-encoded names, refuses a second registration of one repository", async () => {
    const created = await world.addRepository(world.admin, { url: world.url("octocat/tools"), credential: "team" });
    assert.equal(created.status, 201, created.text);
    assert.equal((await world.server.call("GET", "/api/v1/repositories/octocat/tools", { auth: world.admin })).status, 200);
    assert.equal((await world.server.call("GET", "/api/v1/repositories/octocat%2Ftools", { auth: world.admin })).status, 200);
    assert.equal((await world.server.call("GET", "/api/v1/repositories/octocat/tools/checks", { auth: world.admin })).status, 200);
    const again = await world.addRepository(world.admin, { url: world.url("octocat/tools"), credential: "team" });
    assert.equal(again.status, 409);
    assert.equal(again.body.error?.code, "REPOSITORY_ALREADY_REGISTERED");
    assert.match(again.body.error?.message ?? "", /repolink repo map octocat\/tools --credential NAME/);
    const chosen = await world.addRepository(world.admin, { url: world.url("octocat/old"), credential: "team", name: "my-name" });
    assert.equal(chosen.status, 400, chosen.text);
    assert.equal(chosen.body.error?.code, "REPOSITORY_NAME_INVALID");
    assert.equal(chosen.body.error?.field, "name");
    assert.equal((await world.server.call("DELETE", "/api/v1/repositories/octocat/tools", { auth: world.alice })).status, 403);
    assert.equal((await world.server.call("DELETE", "/api/v1/repositories/octocat/tools", { auth: world.admin })).status, 204);
    assert.equal((await world.server.call("GET", "/api/v1/repositories/octocat/tools", { auth: world.admin })).status, 404);
  });
});
