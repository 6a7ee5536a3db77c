import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { bootstrapAdmin, startTestServer, type TestServer } from "../support/test-server.ts";

// Each test starts a server of its own (SQLite in a temp dir), so each passes alone and in any order.
const started: TestServer[] = [];
afterEach(async () => {
  for (const server of started.splice(0)) await server.close();
});

async function freshServer(): Promise<TestServer> {
  const server = await startTestServer();
  started.push(server);
  return server;
}

/** A fresh server whose first admin is `root` (password "long enough pw"). */
async function serverWithRoot(): Promise<TestServer> {
  const server = await freshServer();
  await bootstrapAdmin(server, "root", "long enough pw");
  return server;
}

describe("first-run setup, sign-in and CSRF", () => {
  it("creates the first admin only with the right setup code, once", async () => {
    const server = await freshServer();
    assert.equal((await server.call("GET", "/api/v1/setup")).body.setupRequired, true);
    const wrong = await server.call("POST", "/api/v1/setup", {
      body: { setupCode: "AAAA-BBBB-CCCC", username: "root", password: "long enough pw" },
    });
    assert.equal(wrong.status, 403);
    assert.equal(wrong.body.error?.code, "SETUP_CODE_INVALID");
    const right = await server.call("POST", "/api/v1/setup", {
      body: { setupCode: server.setupCode, username: "Root", password: "long enough pw" },
    });
    assert.equal(right.status, 201);
    assert.deepEqual((right.body.user as { username: string; role: string }).role, "admin");
    const again = await server.call("POST", "/api/v1/setup", {
      body: { setupCode: server.setupCode, username: "root2", password: "long enough pw" },
    });
    assert.equal(again.status, 409);
    assert.equal((await server.call("GET", "/api/v1/setup")).body.setupRequired, false);
  });

  it("signs in with a cookie session and refuses state changes without the CSRF token", async () => {
    const server = await serverWithRoot();
    const bad = await server.call("POST", "/api/v1/session", { body: { username: "root", password: "wrong password" } });
    assert.equal(bad.status, 401);
    assert.equal(bad.body.error?.code, "LOGIN_FAILED");
    const unknown = await server.call("POST", "/api/v1/session", { body: { username: "nobody", password: "wrong password" } });
    assert.equal(unknown.body.error?.message, bad.body.error?.message, "unknown user and wrong password answer alike");

    const login = await server.call("POST", "/api/v1/session", { body: { username: "root", password: "long enough pw" } });
    assert.equal(login.status, 200);
    const setCookie = login.headers.get("set-cookie") ?? "";
    assert.match(setCookie, /HttpOnly/i);
    assert.match(setCookie, /SameSite=Strict/i);
    const cookie = /repolink_session=([^;]+)/.exec(setCookie)?.[1] ?? "";
    const csrf = String(login.body.csrfToken);

    assert.equal((await server.call("GET", "/api/v1/credentials", { auth: { cookie } })).status, 200, "reads need no CSRF token");
    const noCsrf = await server.call("POST", "/api/v1/tokens", { auth: { cookie }, body: { name: "x" } });
    assert.equal(noCsrf.status, 403);
    assert.equal(noCsrf.body.error?.code, "CSRF_FAILED");
    const wrongCsrf = await server.call("POST", "/api/v1/tokens", {
      auth: { cookie, csrf: csrf.slice(0, -1) + (csrf.endsWith("x") ? "y" : "x") },
      body: { name: "x" },
    });
    assert.equal(wrongCsrf.status, 403);
    const withCsrf = await server.call("POST", "/api/v1/tokens", { auth: { cookie, csrf }, body: { name: "x" } });
    assert.equal(withCsrf.status, 201);

    assert.equal((await server.call("DELETE", "/api/v1/session", { auth: { cookie, csrf } })).status, 204);
    assert.equal((await server.call("GET", "/api/v1/credentials", { auth: { cookie } })).status, 401, "the session ended");
  });

  it("audits every login, successful or not, without the password", async () => {
    const server = await serverWithRoot();
    assert.equal((await server.call("POST", "/api/v1/session", { body: { username: "root", password: "wrong password" } })).status, 401);
    const token = (await server.call("POST", "/api/v1/auth/token", { body: { username: "root", password: "long enough pw" } })).body
      .token as string;
    const audit = await server.call("GET", "/api/v1/audit?limit=100", { auth: token });
    const logins = (audit.body.items as { action: string; outcome: string }[]).filter((e) => e.action === "login");
    assert.ok(logins.some((e) => e.outcome === "failure"));
    assert.ok(logins.some((e) => e.outcome === "success"));
    assert.ok(!audit.text.includes("long enough pw") && !audit.text.includes("wrong password"));
  });
});

describe("API tokens", () => {
  it("are shown once, stored hashed, and stop working when revoked", async () => {
    const server = await freshServer();
    const admin = await bootstrapAdmin(server);
    const created = await server.call("POST", "/api/v1/tokens", { auth: admin, body: { name: "pipeline" } });
    assert.equal(created.status, 201);
    const token = String(created.body.token);
    assert.match(token, /^rlk_[0-9a-f]{16}_/);
    // The secret part is base64url and may itself hold "_": take everything after the id.
    const secretPart = token.slice("rlk_".length + 16 + 1);
    const listed = await server.call("GET", "/api/v1/tokens", { auth: token });
    assert.ok(!listed.text.includes(secretPart), "the list never shows the secret part");
    const stored = await server.runtime.deps.store.apiTokens.findById(String(created.body.id));
    assert.ok(stored && !JSON.stringify(stored).includes(secretPart), "only a hash is stored");

    const tampered = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    assert.equal((await server.call("GET", "/api/v1/credentials", { auth: tampered })).status, 401);
    assert.equal((await server.call("DELETE", `/api/v1/tokens/${String(created.body.id)}`, { auth: admin })).status, 204);
    const revoked = await server.call("GET", "/api/v1/credentials", { auth: token });
    assert.equal(revoked.status, 401);
    assert.equal(revoked.body.error?.code, "TOKEN_INVALID");
  });

  it("answers anonymous calls with 401 and members on admin routes with 403", async () => {
    const server = await freshServer();
    await bootstrapAdmin(server);
    assert.equal((await server.call("GET", "/api/v1/credentials")).status, 401);
    const admin = await server.call("POST", "/api/v1/auth/token", { body: { username: "admin", password: "correct horse battery" } });
    await server.call("POST", "/api/v1/users", {
      auth: String(admin.body.token),
      body: { username: "mia", password: "member password 1" },
    });
    const member = await server.call("POST", "/api/v1/auth/token", { body: { username: "mia", password: "member password 1" } });
    const forbidden = await server.call("GET", "/api/v1/users", { auth: String(member.body.token) });
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.body.error?.code, "FORBIDDEN");
  });
});
