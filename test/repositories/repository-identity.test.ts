import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Repository, unlearntHostFacts } from "../../src/core/repositories/repository.ts";
import { splitRepositoryPath } from "../../src/core/repositories/repository-path.ts";
import { type RepositoryWorld, startRepositoryWorld } from "./repository-test-setup.ts";

describe("repository identity: HOST:PATH names one repository, a bare path only while one host holds it (API)", () => {
  let world: RepositoryWorld;
  const get = (ref: string, auth = world.admin) => world.server.call("GET", `/api/v1/repositories/${ref}`, { auth });

  before(async () => {
    world = await startRepositoryWorld();
    await world.addCredential(world.admin, "team", world.tokens.valid ?? "");
    const added = await world.addRepository(world.admin, { url: world.url("octocat/hello"), credential: "team" });
    assert.equal(added.status, 201, added.text);
    // A second host whose kind allows paths of any depth (the generic Git kind), written as the store holds it.
    const store = world.server.runtime.deps.store;
    const now = new Date().toISOString();
    await store.hosts.insert({
      id: "host-plain",
      name: "plain",
      kind: "git",
      webUrl: "https://git.example.com",
      apiUrl: null,
      graphqlUrl: null,
      caBundle: null,
      sshKnownHosts: null,
      allowPrivateNetwork: false,
      builtIn: false,
      createdAt: now,
    });
    const onPlain = (id: string, name: string, path: string): Repository => ({
      id,
      name,
      hostName: "plain",
      path,
      ...splitRepositoryPath(path),
      url: `https://git.example.com/${path}.git`,
      protocol: "https",
      credentialId: null,
      defaultBranch: null,
      ...unlearntHostFacts,
      needs: "pull",
      status: "unchecked",
      reasonCode: null,
      message: null,
      remedy: null,
      lastCheckedAt: null,
      createdBy: "admin",
      createdAt: now,
    });
    await store.repositories.insert(onPlain("00000000-0000-4000-8000-000000000001", "plain:octocat/hello", "octocat/hello"));
    await store.repositories.insert(onPlain("00000000-0000-4000-8000-000000000002", "group/sub/project", "group/sub/project"));
  });
  after(async () => world?.close());

  it("refuses a bare path two hosts hold: 409 REPOSITORY_AMBIGUOUS on field repository, listing each HOST:PATH", async () => {
    for (const ref of ["octocat/hello", "octocat%2Fhello", "OCTOCAT/hello"]) {
      const response = await get(ref);
      assert.equal(response.status, 409, `${ref}: ${response.text}`);
      assert.equal(response.body.error?.code, "REPOSITORY_AMBIGUOUS");
      assert.equal(response.body.error?.field, "repository");
      assert.deepEqual([...((response.body.error as { details?: { candidates?: string[] } }).details?.candidates ?? [])].sort(), [
        "ghe.test:octocat/hello",
        "plain:octocat/hello",
      ]);
      assert.match(String(response.body.error?.message), /ghe\.test:octocat\/hello, plain:octocat\/hello|plain:octocat\/hello, ghe\.test/);
    }
    const validate = await world.server.call("POST", "/api/v1/repositories/octocat/hello/validate", { auth: world.admin });
    assert.equal(validate.body.error?.code, "REPOSITORY_AMBIGUOUS");
  });

  it("HOST:PATH names exactly one, in both route forms, for every repository route", async () => {
    for (const ref of ["ghe.test:octocat/hello", "ghe.test%3Aoctocat%2Fhello", "ghe.test:octocat/hello.git".replace("/", "%2F")]) {
      const response = await get(ref);
      assert.equal(response.status, 200, `${ref}: ${response.text}`);
      const repository = response.body.repository as { name: string; host: string; path: string };
      assert.deepEqual([repository.name, repository.host, repository.path], ["octocat/hello", "ghe.test", "octocat/hello"]);
    }
    const plain = await get("plain:octocat/hello");
    assert.deepEqual((plain.body.repository as { host: string }).host, "plain");
    const validated = await world.server.call("POST", "/api/v1/repositories/ghe.test:octocat/hello/validate", { auth: world.admin });
    assert.equal(validated.status, 200, validated.text);
    assert.equal((validated.body.check as { status: string }).status, "connected");
    const checks = await world.server.call("GET", "/api/v1/repositories/ghe.test:octocat/hello/checks", { auth: world.admin });
    assert.equal(checks.status, 200, checks.text);
    assert.equal((await get("nowhere:octocat/hello")).body.error?.code, "REPOSITORY_NOT_FOUND");
  });

  it("a deep path on a host of another kind: by its bare path while one host holds it, or as HOST:PATH", async () => {
    for (const ref of ["group%2Fsub%2Fproject", "plain%3Agroup%2Fsub%2Fproject", "plain:group%2Fsub%2Fproject"]) {
      const response = await get(ref);
      assert.equal(response.status, 200, `${ref}: ${response.text}`);
      const repository = response.body.repository as { path: string; owner: string; repo: string };
      assert.deepEqual([repository.path, repository.owner, repository.repo], ["group/sub/project", "group/sub", "project"]);
    }
    assert.equal((await get("ghe.test%3Agroup%2Fsub%2Fproject")).status, 404);
    assert.equal((await get("sub%2Fproject")).status, 404);
  });

  it("repositories are team records: a member sees every candidate, so the same bare path is ambiguous for them too", async () => {
    const response = await get("octocat/hello", world.bob);
    assert.equal(response.status, 409, response.text);
    assert.equal(response.body.error?.code, "REPOSITORY_AMBIGUOUS");
    assert.deepEqual((response.body.error as { details?: { candidates?: string[] } }).details?.candidates, [
      "ghe.test:octocat/hello",
      "plain:octocat/hello",
    ]);
    const onPlain = await get("plain:octocat/hello", world.bob);
    assert.equal(onPlain.status, 200, onPlain.text);
    assert.equal((onPlain.body.repository as { host: string }).host, "plain");
    assert.equal((await get("ghe.test:octocat/hello", world.bob)).status, 200);
  });
});
