import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { SetupCode } from "../../src/core/users/setup-code.ts";
import { apiRoutes } from "../../src/interfaces/http/create-app.ts";
import { generateTestToken } from "../support/github-tokens.ts";
import { bootstrapAdmin, createMember, startTestServer, type TestServer } from "../support/test-server.ts";
import { unlearntHostFacts } from "../../src/core/repositories/repository.ts";

/**
 * Every user-level route that names a resource, tried by another member on alice's things: her private
 * credential and tokens answer like missing ones; her repository is a team record bob sees, but he can neither
 * use her private credential through it nor remove it, and no answer names that credential.
 */
describe("authorization matrix: another member on every route that names a resource", () => {
  let server: TestServer;
  let alice: string;
  let bob: string;
  const ids: Record<string, string> = {};

  before(async () => {
    server = await startTestServer();
    const admin = await bootstrapAdmin(server);
    alice = await createMember(server, admin, "alice");
    bob = await createMember(server, admin, "bob");
    const credential = await server.call("POST", "/api/v1/credentials", {
      auth: alice,
      body: { name: "alice-own", type: "token", secret: generateTestToken(), validate: false },
    });
    assert.equal(credential.status, 201, credential.text);
    ids.credential = String((credential.body.credential as { id: string }).id);
    const now = new Date().toISOString();
    ids.repository = randomUUID();
    await server.runtime.deps.store.repositories.insert({
      id: ids.repository,
      name: "alice/secret-project",
      hostName: "github.com",
      path: "alice/secret-project",
      owner: "alice",
      repo: "secret-project",
      url: "https://github.com/alice/secret-project.git",
      protocol: "https",
      credentialId: ids.credential,
      defaultBranch: "main",
      ...unlearntHostFacts,
      needs: "push",
      status: "connected",
      reasonCode: null,
      message: null,
      remedy: null,
      lastCheckedAt: now,
      createdBy: "alice",
      createdAt: now,
    });
    const token = await server.call("POST", "/api/v1/tokens", { auth: alice, body: { name: "alice-ci" } });
    ids.token = String(token.body.id);
  });
  after(async () => server.close());

  function resourcePath(path: string): string | null {
    if (path.startsWith("/credentials/:ref")) return path.replace(":ref", ids.credential!);
    if (path.startsWith("/repositories/:ref")) return path.replace(":ref", ids.repository!);
    if (path.startsWith("/repositories/:owner/:name")) return path.replace(":owner/:name", "alice/secret-project");
    if (path.startsWith("/tokens/:id")) return path.replace(":id", ids.token!);
    return null;
  }

  it("refuses bob on alice's private resources as on missing ones, never lets him use or remove her repository", async () => {
    const routes = apiRoutes({ deps: server.runtime.deps, setup: SetupCode.create(false), logger: server.runtime.logger }).filter(
      (r) => r.access === "user",
    );
    let tried = 0;
    for (const route of routes) {
      const path = resourcePath(route.path);
      if (path === null) continue;
      const method = route.method.toUpperCase();
      const body = method === "GET" || method === "DELETE" ? undefined : {};
      const asBob = await server.call(method, `/api/v1${path}`, { auth: bob, body });
      const elsewhere = path.replace(/[0-9a-f-]{36}|[0-9a-f]{16}|alice\/secret-project/, (m) =>
        m.length === 36 ? randomUUID() : m.length === 16 ? "0".repeat(16) : "alice/nothing-here",
      );
      const missing = await server.call(method, `/api/v1${elsewhere}`, { auth: bob, body });
      const label = `${method} ${route.path}`;
      if (path.startsWith("/repositories/")) {
        // Repositories are team records: bob sees alice's, but never her private credential, and cannot use or remove it.
        const allowed = method === "GET" ? [200, 403] : [400, 403];
        assert.ok(allowed.includes(asBob.status), `${label} as another member: ${asBob.status} ${asBob.text}`);
        if (asBob.status === 403) assert.match(asBob.body.error?.code ?? "", /^(CREDENTIAL_UNAVAILABLE|FORBIDDEN)$/, label);
        assert.ok(!asBob.text.includes("alice-own") && !asBob.text.includes(ids.credential!), `${label} names alice's credential`);
        tried += 1;
        continue;
      }
      assert.ok(asBob.status === 404 || asBob.status === 400, `${label} as another member: ${asBob.status} ${asBob.text}`);
      assert.equal(asBob.status, missing.status, `${label}: same status as a missing resource`);
      assert.equal(asBob.body.error?.code, missing.body.error?.code, `${label}: same code as a missing resource`);
      const unsent = ["alice-own", "secret-project", ids.repository!, ids.credential!].filter((s) => !path.includes(s));
      assert.ok(
        unsent.every((s) => !asBob.text.includes(s)),
        `${label} reveals nothing bob did not send: ${asBob.text}`,
      );
      if (method === "GET") {
        const asAlice = await server.call(method, `/api/v1${path}`, { auth: alice });
        assert.ok(asAlice.status === 200 || asAlice.status === 502, `${label} as the owner: ${asAlice.status} ${asAlice.text}`);
      }
      tried += 1;
    }
    assert.ok(tried >= 12, `${tried} routes tried`);
    const stillThere = await server.call("GET", `/api/v1/credentials/${ids.credential}`, { auth: alice });
    assert.equal(stillThere.status, 200, "nothing bob did changed alice's credential");
  });
});
