import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { openPayload } from "../../src/core/credentials/open-credential-secret.ts";
import { webhookAad } from "../../src/core/notifications/webhook.ts";
import { generateTestToken } from "../support/github-tokens.ts";
import { bootstrapAdmin, issueToken, startTestServer } from "../support/test-server.ts";

describe("master key and key rotation", () => {
  const root = mkdtempSync(join(tmpdir(), "repolink-keys-"));
  const masterKey = randomBytes(32).toString("hex");
  after(() => rmSync(root, { recursive: true, force: true }));
  // Each test gets a data dir of its own, so each passes alone and in any order.
  const freshDataDir = (name: string): string => mkdtempSync(join(root, `${name}-`));

  it("rotates keys online: old secrets still open, new writes use the new key", async () => {
    const server = await startTestServer({ REPOLINK_MASTER_KEY: masterKey }, freshDataDir("rotation"));
    const admin = await bootstrapAdmin(server);
    const secrets = [generateTestToken(), generateTestToken(), generateTestToken()];
    for (const [i, secret] of secrets.entries()) {
      const r = await server.call("POST", "/api/v1/credentials", {
        auth: admin,
        body: { name: `c${i}`, type: "token", secret, validate: false },
      });
      assert.equal(r.status, 201);
    }
    const hook = await server.call("POST", "/api/v1/webhooks", {
      auth: admin,
      body: { name: "ops", url: "http://127.0.0.1:9/hook", secret: "a-webhook-secret-of-length", allowPrivateNetwork: true },
    });
    assert.equal(hook.status, 201, hook.text);
    const before = await server.runtime.deps.store.credentials.list();
    const oldKek = before[0]?.kekId;
    const rotation = await server.call("POST", "/api/v1/keys/rotate", { auth: admin });
    assert.equal(rotation.status, 200, rotation.text);
    assert.equal(rotation.body.rewrapped, 4, "three credentials and one webhook secret");
    const [webhook] = await server.runtime.deps.store.webhooks.list();
    assert.equal(webhook?.kekId, rotation.body.kekId);
    assert.equal(server.runtime.deps.cipher.open(webhook!.secretBox, webhookAad(webhook!.id)).reveal(), "a-webhook-secret-of-length");
    assert.notEqual(rotation.body.kekId, oldKek);
    const afterRotation = await server.runtime.deps.store.credentials.list();
    for (const credential of afterRotation) {
      assert.equal(credential.kekId, rotation.body.kekId);
      const payload = await openPayload(server.runtime.deps, credential);
      assert.equal(payload.kind === "token" && payload.token, secrets[Number(credential.name.slice(1))]);
    }
    const added = await server.call("POST", "/api/v1/credentials", {
      auth: admin,
      body: { name: "c3", type: "token", secret: generateTestToken(), validate: false },
    });
    assert.equal(added.status, 201);
    assert.equal((await server.runtime.deps.store.credentials.findByName("c3", null))?.kekId, rotation.body.kekId);
    await server.close();
  });

  it("with a wrong or missing master key the store is sealed, with a clear error, and nothing else breaks", async () => {
    const dataDir = freshDataDir("sealed");
    const seeded = await startTestServer({ REPOLINK_MASTER_KEY: masterKey }, dataDir);
    const seedAdmin = await bootstrapAdmin(seeded);
    for (const name of ["c0", "c1", "c2"]) {
      const created = await seeded.call("POST", "/api/v1/credentials", {
        auth: seedAdmin,
        body: { name, type: "token", secret: generateTestToken(), validate: false },
      });
      assert.equal(created.status, 201, created.text);
    }
    await seeded.close();
    const envs: Record<string, string>[] = [
      { REPOLINK_MASTER_KEY: randomBytes(32).toString("hex") },
      { REPOLINK_MASTER_KEY: "too-short" },
      {},
    ];
    for (const env of envs) {
      const server = await startTestServer(env, dataDir);
      const token = await issueToken(server, "admin", "correct horse battery");
      const listed = await server.call("GET", "/api/v1/credentials", { auth: token });
      assert.equal(listed.status, 200, "listing metadata still works");
      const created = await server.call("POST", "/api/v1/credentials", {
        auth: token,
        body: { name: "new", type: "token", secret: generateTestToken(), validate: false },
      });
      assert.equal(created.status, 503);
      assert.equal(created.body.error?.code, "STORE_SEALED");
      assert.ok(!created.text.includes("too-short"), "the bad key is not echoed");
      assert.equal((await server.call("POST", "/api/v1/keys/rotate", { auth: token })).body.error?.code, "STORE_SEALED");
      await server.close();
    }
    const healthy = await startTestServer({ REPOLINK_MASTER_KEY: masterKey }, dataDir);
    const stored = await healthy.runtime.deps.store.credentials.list();
    assert.deepEqual(stored.map((credential) => credential.name).sort(), ["c0", "c1", "c2"], "the sealed runs changed nothing");
    for (const credential of stored) await openPayload(healthy.runtime.deps, credential);
    await healthy.close();
  });
});
