import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { countStoreCalls } from "../../bench/count-store-calls.ts";
import type { Store } from "../../src/core/storage/store.ts";
import { aRepository } from "../storage/store-fixtures.ts";
import { generateTestToken } from "../support/github-tokens.ts";
import { bootstrapAdmin, startTestServer, type TestServer } from "../support/test-server.ts";

const REPOSITORIES = 10_000;

// git asks on every fetch and push of every runner: the answer must not grow with the number of repositories.
describe(`git's credential helper and checkout's git access with ${REPOSITORIES} repositories`, () => {
  let server: TestServer;
  let pipeline: string;
  let store: Store;
  let token: string;
  const counts = new Map<string, number>();

  before(async () => {
    server = await startTestServer();
    const admin = await bootstrapAdmin(server);
    token = generateTestToken("ghp_");
    const created = await server.call("POST", "/api/v1/credentials", {
      auth: admin,
      body: { name: "bot", type: "token", username: "octo", secret: token, host: "github.com" },
    });
    assert.equal(created.status, 201, created.text);
    const credentialId = String((created.body.credential as { id: string }).id);
    store = server.runtime.deps.store;
    await store.transaction(async (tx) => {
      for (let i = 0; i < REPOSITORIES; i++) {
        await tx.repositories.insert(
          aRepository(credentialId, {
            name: `octo/app-${i}`,
            path: `octo/app-${i}`,
            url: `https://github.com/octo/app-${i}.git`,
          }),
        );
      }
    });
    pipeline = String((await server.call("POST", "/api/v1/tokens", { auth: admin, body: { name: "runner" } })).body.token);
    server.runtime.deps.store = countStoreCalls(store, counts);
  });
  after(async () => {
    server.runtime.deps.store = store;
    await server.close();
  });

  const reads = () => [...counts.keys()].filter((call) => !/\.(insert|update|delete|append)/.test(call)).sort();

  it("get answers from one indexed repository read, never a listing of all of them", async () => {
    counts.clear();
    const answer = await server.call("POST", "/api/v1/git-credential/get", {
      auth: pipeline,
      body: { input: "protocol=https\nhost=github.com\npath=octo/APP-9999.git\n" },
    });
    assert.equal(answer.status, 200, answer.text);
    assert.match(String(answer.body.answer), new RegExp(`password=${token}\\n`));
    // The host is read by name (its kind picks the git username through the credentials provider): also one indexed read.
    // The one credential rule adds the caller's mapping and the URL-prefix templates: one indexed read each.
    assert.deepEqual(reads(), [
      "apiTokens.findById",
      "credentials.findById",
      "hosts.findByName",
      "mappings.find",
      "repositories.listByPath",
      "urlPrefixes.findByPrefixes",
      "users.findById",
    ]);
    for (const call of ["hosts.findByName", "repositories.listByPath", "mappings.find", "urlPrefixes.findByPrefixes"])
      assert.equal(counts.get(call), 1, call);
  });

  it("git-access gives checkout the repository, its token and the host policy in one answer of a few reads", async () => {
    counts.clear();
    const access = await server.call("POST", "/api/v1/git-access", {
      auth: pipeline,
      body: { url: "https://github.com/octo/app-4242.git" },
    });
    assert.equal(access.status, 200, access.text);
    assert.equal((access.body.repository as { name: string }).name, "octo/app-4242");
    assert.equal((access.body.git as { password: string }).password, token);
    assert.equal(reads().includes("repositories.list"), false);
    // 8 before the one credential rule, plus its mapping and template reads (indexed, never a listing).
    assert.ok([...counts.values()].reduce((a, b) => a + b, 0) <= 10, JSON.stringify([...counts]));
  });

  it("git-access names the missing field and answers 404 for a repository nobody registered", async () => {
    const neither = await server.call("POST", "/api/v1/git-access", { auth: pipeline, body: {} });
    assert.deepEqual([neither.status, neither.body.error?.code, neither.body.error?.field], [400, "INPUT_INVALID", "repository"]);
    const unknown = await server.call("POST", "/api/v1/git-access", { auth: pipeline, body: { repository: "octo/nope" } });
    assert.deepEqual([unknown.status, unknown.body.error?.code], [404, "REPOSITORY_NOT_FOUND"]);
  });
});
