import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { openPayload } from "../../src/core/credentials/open-credential-secret.ts";
import { filesContainingCanary, findCanary } from "../support/canary.ts";
import { generateTestToken } from "../support/github-tokens.ts";
import { bootstrapAdmin, createMember, startTestServer, type TestServer } from "../support/test-server.ts";
import { unlearntHostFacts } from "../../src/core/repositories/repository.ts";
import { aRepository } from "../storage/store-fixtures.ts";

type View = Record<string, unknown> & { name: string; preview: string; fingerprint: string; version: number };

function mistype(token: string): string {
  const i = 10;
  return token.slice(0, i) + (token[i] === "a" ? "b" : "a") + token.slice(i + 1);
}

describe("credential manager over the API", () => {
  let server: TestServer;
  let admin: string;
  const canary = generateTestToken();
  const rotated = generateTestToken();

  before(async () => {
    server = await startTestServer();
    admin = await bootstrapAdmin(server);
  });
  after(async () => server.close());

  it("stores a token write-only: responses carry a preview and fingerprint, never the secret", async () => {
    const created = await server.call("POST", "/api/v1/credentials", {
      auth: admin,
      body: { name: "release-bot", type: "token", username: "octocat", secret: `  Bearer ${canary}\n`, validate: false },
    });
    assert.equal(created.status, 201, created.text);
    const view = created.body.credential as View;
    assert.equal(view.preview, `ghp_…${canary.slice(-4)}`);
    assert.match(view.fingerprint, /^hmac-sha256:[0-9a-f]{16}$/);
    assert.equal(view.scope, "global");
    assert.equal(view.host, "github.com");
    for (const path of [
      "/api/v1/credentials",
      "/api/v1/credentials/release-bot",
      `/api/v1/credentials/${String(view.id)}`,
      "/api/v1/audit?limit=100",
    ]) {
      const response = await server.call("GET", path, { auth: admin });
      assert.equal(response.status, 200, path);
      assert.deepEqual(findCanary(response.text, canary), [], `${path} leaks the secret`);
    }
    const stored = await server.runtime.deps.store.credentials.findByName("release-bot", null);
    assert.ok(stored);
    const payload = await openPayload(server.runtime.deps, stored);
    assert.deepEqual(payload, { kind: "token", token: canary }, "pasted whitespace and Bearer were stripped");
  });

  it("refuses bad input with the field named, a stable code, and nothing stored", async () => {
    const before = (await server.call("GET", "/api/v1/credentials", { auth: admin })).body.items as View[];
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ type: "token", secret: canary, validate: false }, 400, "INPUT_INVALID", "name"],
      [{ name: "-bad name", type: "token", secret: canary, validate: false }, 400, "CREDENTIAL_NAME_INVALID", "name"],
      [{ name: "typo", type: "token", secret: mistype(canary), validate: false }, 400, "TOKEN_CHECKSUM_MISMATCH", "secret"],
      [{ name: "short", type: "token", secret: canary.slice(0, 20), validate: false }, 400, "TOKEN_TRUNCATED", "secret"],
      [{ name: "nohost", type: "token", secret: canary, host: "ghe.invalid", validate: false }, 400, "HOST_UNKNOWN", "host"],
      [{ name: "extra", type: "token", secret: canary, validate: false, password: "x" }, 400, "INPUT_INVALID", ""],
      [{ name: "nokey", type: "ssh-key", privateKey: "not a key", validate: false }, 400, "SSH_KEY_INVALID", "key"],
      [{ name: "release-bot", type: "token", secret: canary, validate: false }, 409, "CREDENTIAL_NAME_TAKEN", ""],
    ];
    for (const [body, status, code, field] of cases) {
      const response = await server.call("POST", "/api/v1/credentials", { auth: admin, body });
      assert.equal(response.status, status, `${code}: ${response.text}`);
      assert.equal(response.body.error?.code, code);
      if (field) assert.equal(response.body.error?.field, field);
      assert.deepEqual(findCanary(response.text, canary), [], `${code} echoes the secret`);
    }
    const tooLarge = await server.call("POST", "/api/v1/credentials", {
      auth: admin,
      rawBody: JSON.stringify({ name: "big", type: "token", secret: "x".repeat(600_000) }),
    });
    assert.equal(tooLarge.status, 413);
    const notJson = await server.call("POST", "/api/v1/credentials", { auth: admin, rawBody: "{not json" });
    assert.equal(notJson.body.error?.code, "BODY_NOT_JSON");
    const afterList = (await server.call("GET", "/api/v1/credentials", { auth: admin })).body.items as View[];
    assert.deepEqual(
      afterList.map((c) => c.name),
      before.map((c) => c.name),
      "nothing half-stored",
    );
  });

  it("updates the secret in place as a new version", async () => {
    const first = (await server.call("GET", "/api/v1/credentials/release-bot", { auth: admin })).body.credential as View;
    const updated = await server.call("PATCH", "/api/v1/credentials/release-bot", {
      auth: admin,
      body: { secret: rotated, validate: false },
    });
    assert.equal(updated.status, 200, updated.text);
    const view = updated.body.credential as View;
    assert.equal(view.version, first.version + 1);
    assert.notEqual(view.fingerprint, first.fingerprint);
    assert.equal(view.preview, `ghp_…${rotated.slice(-4)}`);
    assert.deepEqual(findCanary(updated.text, rotated), []);
    const stored = await server.runtime.deps.store.credentials.findByName("release-bot", null);
    assert.deepEqual(await openPayload(server.runtime.deps, stored!), { kind: "token", token: rotated });
  });

  it("refuses to delete a credential in use, naming the repositories, unless forced", async () => {
    const credential = await server.runtime.deps.store.credentials.findByName("release-bot", null);
    const now = new Date().toISOString();
    await server.runtime.deps.store.repositories.insert({
      id: randomUUID(),
      name: "acme/rocket",
      hostName: "github.com",
      path: "acme/rocket",
      owner: "acme",
      repo: "rocket",
      url: "https://github.com/acme/rocket.git",
      protocol: "https",
      credentialId: credential!.id,
      defaultBranch: "main",
      ...unlearntHostFacts,
      needs: "push",
      status: "connected",
      reasonCode: null,
      message: null,
      remedy: null,
      lastCheckedAt: now,
      createdBy: "admin",
      createdAt: now,
    });
    const refused = await server.call("DELETE", "/api/v1/credentials/release-bot", { auth: admin });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error?.code, "CREDENTIAL_IN_USE");
    assert.match(String(refused.body.error?.message), /acme\/rocket/);
    assert.deepEqual((refused.body.error as { details?: unknown }).details, { dependentCount: 1, dependents: ["acme/rocket"] });
    const shown = (await server.call("GET", "/api/v1/credentials/release-bot", { auth: admin })).body.credential as View;
    assert.equal(shown.usedByCount, 1, "a count, not the names: a credential may be used by thousands");
    const listed = (await server.call("GET", "/api/v1/credentials", { auth: admin })).body.items as View[];
    assert.equal(listed.find((c) => c.name === "release-bot")?.usedByCount, 1);

    const forced = await server.call("DELETE", "/api/v1/credentials/release-bot?force=true", { auth: admin });
    assert.equal(forced.status, 204);
    const repository = await server.runtime.deps.store.repositories.findByName("acme/rocket");
    assert.equal(repository?.status, "failing");
    assert.equal(repository?.reasonCode, "CREDENTIAL_DELETED");
    assert.equal(repository?.credentialId, null);
    assert.equal((await server.call("GET", "/api/v1/credentials/release-bot", { auth: admin })).status, 404);
  });

  it("counts the repositories that hold a delete back and names only the first ten (a credential may have thousands)", async () => {
    const created = await server.call("POST", "/api/v1/credentials", {
      auth: admin,
      body: { name: "fleet-bot", type: "token", username: "octocat", secret: generateTestToken(), validate: false },
    });
    assert.equal(created.status, 201, created.text);
    const credentialId = String((created.body.credential as View).id);
    for (let i = 0; i < 12; i++) {
      const path = `fleet/service-${String(i).padStart(2, "0")}`;
      await server.runtime.deps.store.repositories.insert(aRepository(credentialId, { name: path, path, status: "connected" }));
    }
    const refused = await server.call("DELETE", "/api/v1/credentials/fleet-bot", { auth: admin });
    assert.equal(refused.status, 409);
    const details = (refused.body.error as { details?: { dependentCount: number; dependents: string[] } }).details;
    assert.equal(details?.dependentCount, 12);
    assert.equal(details?.dependents.length, 10);
    assert.match(String(refused.body.error?.message), /used by 12 repositories: .*, …\./);
    const audit = (await server.call("GET", "/api/v1/audit?limit=20", { auth: admin })).body.items as {
      action: string;
      outcome: string;
      detail: { dependentCount?: number; dependents?: string[] };
    }[];
    const refusal = audit.find((e) => e.action === "credential.delete" && e.outcome === "failure");
    assert.equal(refusal?.detail.dependentCount, 12);
    assert.equal(refusal?.detail.dependents?.length, 10);
    assert.equal((await server.call("DELETE", "/api/v1/credentials/fleet-bot?force=true", { auth: admin })).status, 204);
  });

  it("leaves no trace of the secrets in the data dir, database files or logs after create/update/delete", async () => {
    for (const secret of [canary, rotated]) {
      assert.deepEqual(filesContainingCanary(server.dataDir, secret), []);
      assert.deepEqual(findCanary(server.logs.text, secret), []);
    }
    const actions = (
      (await server.call("GET", "/api/v1/audit?limit=200", { auth: admin })).body.items as { action: string; outcome: string }[]
    ).map((e) => `${e.action}:${e.outcome}`);
    for (const expected of [
      "credential.create:success",
      "credential.create:failure",
      "credential.update:success",
      "credential.delete:failure",
      "credential.delete:success",
    ]) {
      assert.ok(actions.includes(expected), `audit has ${expected}`);
    }
  });
});

describe("private credentials", () => {
  let server: TestServer;
  let admin: string;
  let alice: string;
  let bob: string;

  before(async () => {
    server = await startTestServer();
    admin = await bootstrapAdmin(server);
    alice = await createMember(server, admin, "alice");
    bob = await createMember(server, admin, "bob");
    await server.call("POST", "/api/v1/credentials", {
      auth: admin,
      body: { name: "team", type: "token", secret: generateTestToken(), validate: false },
    });
  });
  after(async () => server.close());

  it("are visible to their owner alone; others cannot tell them from missing ones", async () => {
    const refusedGlobal = await server.call("POST", "/api/v1/credentials", {
      auth: alice,
      body: { name: "mine", type: "token", scope: "global", secret: generateTestToken(), validate: false },
    });
    assert.equal(refusedGlobal.status, 403);
    const created = await server.call("POST", "/api/v1/credentials", {
      auth: alice,
      body: { name: "mine", type: "token", secret: generateTestToken(), validate: false },
    });
    assert.equal(created.status, 201, created.text);
    assert.equal((created.body.credential as View).scope, "private");
    const id = String((created.body.credential as View).id);

    const bobsList = (await server.call("GET", "/api/v1/credentials", { auth: bob })).body.items as View[];
    assert.deepEqual(
      bobsList.map((c) => c.name),
      ["team"],
    );
    const adminsList = (await server.call("GET", "/api/v1/credentials", { auth: admin })).body.items as View[];
    assert.deepEqual(
      adminsList.map((c) => c.name),
      ["team"],
    );

    const hidden = await server.call("GET", `/api/v1/credentials/${id}`, { auth: bob });
    const missing = await server.call("GET", `/api/v1/credentials/${randomUUID()}`, { auth: bob });
    assert.equal(hidden.status, 404);
    assert.equal(hidden.body.error?.code, missing.body.error?.code);
    assert.equal(hidden.text.replace(id, "X"), missing.text.replace(/[0-9a-f-]{36}/, "X"));
    for (const method of ["PATCH", "DELETE"]) {
      const response = await server.call(method, `/api/v1/credentials/${id}`, {
        auth: bob,
        body: method === "PATCH" ? { name: "stolen" } : undefined,
      });
      assert.equal(response.status, 404, `${method} by another member`);
    }
    const byName = await server.call("GET", "/api/v1/credentials/mine", { auth: bob });
    assert.equal(byName.status, 404);

    const memberDeletesGlobal = await server.call("DELETE", "/api/v1/credentials/team", { auth: alice });
    assert.equal(memberDeletesGlobal.status, 403);
    const aliceSees = (await server.call("GET", "/api/v1/credentials", { auth: alice })).body.items as View[];
    assert.deepEqual(aliceSees.map((c) => c.name).sort(), ["mine", "team"]);
  });
});
