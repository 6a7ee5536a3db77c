import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { credentialCheckerByKind } from "../../src/integrations/credential-checker-by-kind.ts";
import { startGithubFake, type GithubFake } from "../github-fake/index.ts";
import { storeSnapshot } from "../support/store-snapshot.ts";
import { bootstrapAdmin, createMember, startTestServer, type TestServer } from "../support/test-server.ts";

type Auth = "admin" | "member" | "pipeline" | "none";
interface Refusal {
  method: string;
  path: string | (() => string);
  auth: Auth;
  body?: unknown | (() => unknown);
  status: number;
  code: string | undefined;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

// Issue 14 item 6 (F5): a request that answers with an error stores nothing. One refusal per write route of
// src/contract/routes, each made to fail after its body passed validation (a conflict, a host that fails, a
// redirect, a rule), with every table of the store compared before and after.
describe("every write route that answers with an error stores nothing (issue 14 item 6)", () => {
  let server: TestServer;
  let fake: GithubFake;
  let redirector: Server;
  let deadPort: number;
  let redirectPort: number;
  const tokens: Record<Auth, string> = { admin: "", member: "", pipeline: "", none: "" };
  const ids: Record<string, string> = {};

  before(async () => {
    server = await startTestServer();
    server.runtime.deps.checker = credentialCheckerByKind(server.runtime.deps.integrations);
    fake = await startGithubFake();
    fake.addUser({ login: "acme" });
    await fake.addRepo({ owner: "acme", name: "rocket", private: true });
    await fake.addRepo({ owner: "acme", name: "orphan", private: true });
    // A host whose every answer redirects elsewhere (F5 was a 502 HOST_REDIRECT_REFUSED that still stored).
    redirector = createServer((_, response) => response.writeHead(302, { location: "https://elsewhere.example/" }).end());
    redirectPort = await listen(redirector);
    const closed = createServer();
    deadPort = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    tokens.admin = await bootstrapAdmin(server);
    tokens.member = await createMember(server, tokens.admin, "mia");
    const setUp = async (path: string, body: unknown, auth: Auth = "admin") => {
      const answer = await server.call("POST", path, { auth: tokens[auth], body });
      assert.ok(answer.status === 201 || answer.status === 200, `${path}: ${answer.text}`);
      return answer.body;
    };
    await setUp("/api/v1/hosts", { name: "ghe.test", url: fake.url, allowPrivateNetwork: true });
    await setUp("/api/v1/hosts", { name: "dead.test", url: `http://127.0.0.1:${deadPort}`, allowPrivateNetwork: true });
    await setUp("/api/v1/hosts", { name: "redirect.test", url: `http://127.0.0.1:${redirectPort}`, allowPrivateNetwork: true });
    const secret = () => fake.addToken({ login: "acme" });
    await setUp("/api/v1/credentials", {
      name: "bot",
      type: "token",
      host: "ghe.test",
      username: "acme",
      secret: secret(),
      validate: false,
    });
    for (const host of ["dead", "redirect"])
      await setUp("/api/v1/credentials", {
        name: `${host}-bot`,
        type: "token",
        host: `${host}.test`,
        username: "acme",
        secret: secret(),
        validate: false,
      });
    const rocket = await setUp("/api/v1/repositories", { url: `${fake.url}/acme/rocket.git`, credential: "bot" });
    ids.rocket = String((rocket.repository as { id: string }).id);
    // The admin's private credential serves acme/orphan; the member has none that does.
    await setUp("/api/v1/credentials", {
      name: "admin-own",
      type: "token",
      scope: "private",
      host: "ghe.test",
      username: "acme",
      secret: secret(),
      validate: false,
    });
    await setUp("/api/v1/repositories", { url: `${fake.url}/acme/orphan.git`, credential: "admin-own" });
    await setUp("/api/v1/webhooks", {
      name: "hook",
      url: `http://127.0.0.1:${deadPort}/hook`,
      secret: "a webhook secret of length",
      allowPrivateNetwork: true,
    });
    const pipeline = await setUp("/api/v1/tokens", { name: "ci", repos: ["acme/elsewhere"], access: "read" }, "member");
    tokens.pipeline = String(pipeline.token);
    const users = await server.call("GET", "/api/v1/users", { auth: tokens.admin });
    ids.admin = String((users.body.items as { id: string; username: string }[]).find((u) => u.username === "admin")?.id);
  });
  after(async () => {
    await server?.close();
    await fake?.close();
    redirector?.close();
  });

  const refusals: Refusal[] = [
    { method: "POST", path: "/api/v1/keys/rotate", auth: "member", status: 403, code: "FORBIDDEN" },
    { method: "POST", path: "/api/v1/health/run", auth: "member", body: { wait: true }, status: 403, code: "FORBIDDEN" },
    {
      method: "POST",
      path: "/api/v1/setup",
      auth: "none",
      body: { setupCode: "123456", username: "eve", password: "a long password" },
      status: 409,
      code: "SETUP_DONE",
    },
    {
      method: "POST",
      path: "/api/v1/session",
      auth: "none",
      body: { username: "mia", password: "wrong password" },
      status: 401,
      code: "LOGIN_FAILED",
    },
    { method: "DELETE", path: "/api/v1/session", auth: "none", status: 401, code: "UNAUTHENTICATED" },
    {
      method: "POST",
      path: "/api/v1/auth/token",
      auth: "none",
      body: { username: "mia", password: "wrong password", name: "x" },
      status: 401,
      code: "LOGIN_FAILED",
    },
    {
      method: "POST",
      path: "/api/v1/credentials",
      auth: "admin",
      body: { name: "bot", type: "token", host: "ghe.test", username: "acme", secret: "", validate: false, urlPrefixes: [] },
      status: 400,
      code: "SECRET_REQUIRED",
    },
    {
      method: "PATCH",
      path: "/api/v1/credentials/bot",
      auth: "admin",
      body: { username: "changed", release: "gateway-only", urlPrefixes: [`https://ghe.test/acme/`], name: "dead-bot", validate: false },
      status: 409,
      code: "CREDENTIAL_NAME_TAKEN",
    },
    { method: "DELETE", path: "/api/v1/credentials/bot", auth: "admin", status: 409, code: "CREDENTIAL_IN_USE" },
    { method: "POST", path: "/api/v1/credentials/dead-bot/validate", auth: "member", status: 502, code: "HOST_UNREACHABLE" },
    {
      method: "POST",
      path: "/api/v1/git-credential/get",
      auth: "pipeline",
      body: { input: `protocol=http\nhost=127.0.0.1\npath=acme/rocket.git\n\n` },
      // git's helper protocol: a refusal is an empty answer, so git goes on to its next helper.
      status: 200,
      code: undefined,
    },
    {
      method: "POST",
      path: "/api/v1/git-access",
      auth: "pipeline",
      body: { repository: "acme/rocket" },
      status: 403,
      code: "TOKEN_GRANT_DENIED",
    },
    {
      method: "POST",
      path: "/api/v1/git-credential/erase",
      auth: "none",
      body: { input: "protocol=https\nhost=github.com\n\n" },
      status: 401,
      code: "UNAUTHENTICATED",
    },
    {
      method: "POST",
      path: "/api/v1/hosts",
      auth: "admin",
      body: () => ({ name: "ghe-again", url: `${fake.url}/`, allowPrivateNetwork: true }),
      status: 409,
      code: "HOST_ORIGIN_TAKEN",
    },
    {
      method: "POST",
      path: "/api/v1/repositories",
      auth: "admin",
      body: () => ({ url: `http://127.0.0.1:${deadPort}/acme/gone.git`, credential: "dead-bot" }),
      status: 502,
      code: "HOST_UNREACHABLE",
    },
    {
      method: "POST",
      path: "/api/v1/repositories",
      auth: "admin",
      body: () => ({ url: `http://127.0.0.1:${redirectPort}/acme/moved.git`, credential: "redirect-bot" }),
      status: 502,
      code: "HOST_REDIRECT_REFUSED",
    },
    {
      method: "POST",
      path: "/api/v1/repositories/import",
      auth: "admin",
      body: { credential: "dead-bot" },
      status: 502,
      code: "HOST_UNREACHABLE",
    },
    { method: "POST", path: "/api/v1/repositories/acme%2Forphan/validate", auth: "member", status: 403, code: "CREDENTIAL_UNAVAILABLE" },
    { method: "POST", path: "/api/v1/repositories/acme/orphan/validate", auth: "member", status: 403, code: "CREDENTIAL_UNAVAILABLE" },
    { method: "DELETE", path: "/api/v1/repositories/acme%2Frocket", auth: "member", status: 403, code: "FORBIDDEN" },
    { method: "DELETE", path: "/api/v1/repositories/acme/rocket", auth: "member", status: 403, code: "FORBIDDEN" },
    {
      method: "PUT",
      path: () => `/api/v1/mappings/${ids.rocket}`,
      auth: "admin",
      body: { credential: "dead-bot" },
      status: 400,
      code: "CREDENTIAL_HOST_MISMATCH",
    },
    { method: "DELETE", path: () => `/api/v1/mappings/${ids.rocket}`, auth: "member", status: 404, code: "MAPPING_NOT_FOUND" },
    {
      method: "POST",
      path: "/api/v1/users",
      auth: "admin",
      body: { username: "mia", password: "a long password", role: "member" },
      status: 409,
      code: "USERNAME_TAKEN",
    },
    {
      method: "PATCH",
      path: () => `/api/v1/users/${ids.admin}`,
      auth: "admin",
      body: { role: "member" },
      status: 403,
      code: "SELF_DEMOTION",
    },
    {
      method: "POST",
      path: "/api/v1/tokens",
      auth: "member",
      body: { name: "ci2", repos: ["acme/["], access: "push" },
      status: 400,
      code: "TOKEN_GRANT_INVALID",
    },
    { method: "DELETE", path: () => `/api/v1/tokens/${randomUUID()}`, auth: "member", status: 404, code: "API_TOKEN_NOT_FOUND" },
    {
      method: "POST",
      path: "/api/v1/webhooks",
      auth: "admin",
      body: { name: "hook", url: "https://hooks.example/x", secret: "a webhook secret of length" },
      status: 409,
      code: "WEBHOOK_NAME_TAKEN",
    },
    { method: "DELETE", path: "/api/v1/webhooks/missing", auth: "admin", status: 404, code: "WEBHOOK_NOT_FOUND" },
    { method: "POST", path: "/api/v1/webhooks/missing/test", auth: "admin", status: 404, code: "WEBHOOK_NOT_FOUND" },
  ];

  for (const refusal of refusals) {
    const label = typeof refusal.path === "string" ? refusal.path : refusal.path.toString().replace(/^\(\) => `?|`$/g, "");
    it(`${refusal.method} ${label} → ${refusal.status} ${refusal.code}, store unchanged`, async () => {
      const before = storeSnapshot(server.dataDir);
      const path = typeof refusal.path === "string" ? refusal.path : refusal.path();
      const answer = await server.call(refusal.method, path, {
        ...(refusal.auth === "none" ? {} : { auth: tokens[refusal.auth] }),
        ...(refusal.body === undefined
          ? {}
          : { body: typeof refusal.body === "function" ? (refusal.body as () => unknown)() : refusal.body }),
      });
      assert.deepEqual([answer.status, answer.body.error?.code], [refusal.status, refusal.code], answer.text);
      if (answer.status === 200) assert.equal(answer.body.answer, null, "nothing was handed out");
      assert.deepEqual(storeSnapshot(server.dataDir), before, "the store is exactly as before");
    });
  }

  it("the comparison sees a write: a request that succeeds changes the snapshot", async () => {
    const before = storeSnapshot(server.dataDir);
    const answer = await server.call("PATCH", "/api/v1/credentials/dead-bot", { auth: tokens.admin, body: { username: "someone" } });
    assert.equal(answer.status, 200, answer.text);
    assert.notDeepEqual(storeSnapshot(server.dataDir), before);
  });
});
