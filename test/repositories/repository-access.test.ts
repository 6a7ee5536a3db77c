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
      const created = await world.addRepository(world.admin, { url: world.url("octocat/hello"), credential: "team", name: "host-bound" });
      assert.equal(created.status, 201, created.text);
      try {
        // As if the row had been re-pointed behind the API's back: the check itself must refuse.
        const repository = await world.server.runtime.deps.store.repositories.findByName("host-bound");
        const dotcom = await world.server.runtime.deps.store.credentials.findByName("dotcom", null);
        assert.ok(repository && dotcom);
        await world.server.runtime.deps.store.repositories.update(repository.id, { credentialId: dotcom.id });
        const before = { ...world.fake.counters };
        const check = await world.server.call("POST", "/api/v1/repositories/host-bound/validate", { auth: world.admin });
        assert.equal(check.status, 400, check.text);
        assert.equal(check.body.error?.code, "CREDENTIAL_HOST_MISMATCH");
        assert.deepEqual(world.fake.counters, before, "a request reached the GitHub fake");
      } finally {
        await world.server.call("DELETE", "/api/v1/repositories/host-bound", { auth: world.admin });
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

  it("repositories using a private credential are invisible to other members", async () => {
    const created = await world.addRepository(world.alice, {
      url: world.url("octocat/hello"),
      credential: "alice-own",
      name: "alice-hello",
    });
    assert.equal(created.status, 201, created.text);
    const bobList = await world.server.call("GET", "/api/v1/repositories", { auth: world.bob });
    assert.deepEqual(bobList.body.items, []);
    for (const [method, path] of [
      ["GET", "alice-hello"],
      ["POST", "alice-hello/validate"],
      ["GET", "alice-hello/branches"],
      ["DELETE", "alice-hello"],
      ["GET", "no-such/checks"],
    ] as const) {
      const response = await world.server.call(method, `/api/v1/repositories/${path}`, { auth: world.bob });
      assert.equal(response.status, 404, `${method} ${path}`);
      assert.equal(response.body.error?.code, "REPOSITORY_NOT_FOUND");
    }
    const aliceList = await world.server.call("GET", "/api/v1/repositories", { auth: world.alice });
    assert.deepEqual(
      (aliceList.body.items as { name: string }[]).map((r) => r.name),
      ["alice-hello"],
    );
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
    const withToken = `http://x:${world.tokens.valid}@${world.fake.url.slice(7)}/octocat/hello.git`;
    const tokenInUrl = await world.addRepository(world.admin, { url: withToken, credential: "team" });
    assert.equal(tokenInUrl.status, 400, tokenInUrl.text);
    assert.equal(tokenInUrl.body.error?.code, "SECRET_IN_WRONG_FIELD");
    assert.equal(tokenInUrl.body.error?.field, "url");
    assert.deepEqual(findCanary(tokenInUrl.text, world.tokens.valid ?? ""), []);
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

  it("accepts the owner/name path form and URL-encoded names, refuses duplicate names", async () => {
    const created = await world.addRepository(world.admin, { url: world.url("octocat/tools"), credential: "team" });
    assert.equal(created.status, 201, created.text);
    assert.equal((await world.server.call("GET", "/api/v1/repositories/octocat/tools", { auth: world.admin })).status, 200);
    assert.equal((await world.server.call("GET", "/api/v1/repositories/octocat%2Ftools", { auth: world.admin })).status, 200);
    assert.equal((await world.server.call("GET", "/api/v1/repositories/octocat/tools/checks", { auth: world.admin })).status, 200);
    const again = await world.addRepository(world.admin, { url: world.url("octocat/tools"), credential: "team" });
    assert.equal(again.status, 409);
    assert.equal(again.body.error?.code, "REPOSITORY_NAME_TAKEN");
    assert.equal((await world.server.call("DELETE", "/api/v1/repositories/octocat/tools", { auth: world.alice })).status, 403);
    assert.equal((await world.server.call("DELETE", "/api/v1/repositories/octocat/tools", { auth: world.admin })).status, 204);
    assert.equal((await world.server.call("GET", "/api/v1/repositories/octocat/tools", { auth: world.admin })).status, 404);
  });
});
