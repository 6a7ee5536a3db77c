import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { filesContainingCanary, findCanary } from "../support/canary.ts";
import { bootstrapAdmin, createMember, startTestServer, type TestServer } from "../support/test-server.ts";
import { startReceiver } from "./webhook-receiver.ts";

describe("webhook secrets are write-only", () => {
  let server: TestServer;
  let admin: string;
  const canary = `whsec-canary-${randomBytes(24).toString("base64url")}`;

  before(async () => {
    server = await startTestServer();
    admin = await bootstrapAdmin(server);
  });
  after(async () => {
    await server.close();
    rmSync(server.dataDir, { recursive: true, force: true });
  });

  it("never shows the secret in responses, logs or database files; refusals store nothing", async () => {
    const receiver = await startReceiver([500, 204]);
    try {
      const responses: string[] = [];
      const call = async (method: string, path: string, body?: unknown, auth = admin) => {
        const response = await server.call(method, path, { auth, ...(body === undefined ? {} : { body }) });
        responses.push(response.text);
        return response;
      };
      const bad: [Record<string, unknown>, string, string][] = [
        [{ name: "x", url: "ftp://example.com/", secret: canary }, "WEBHOOK_URL_INVALID", "url"],
        [{ name: "x", url: "https://user:pw@example.com/", secret: canary }, "WEBHOOK_URL_INVALID", "url"],
        [{ name: "-x", url: "https://example.com/", secret: canary }, "WEBHOOK_NAME_INVALID", "name"],
        [{ name: "x", url: "https://example.com/", secret: "short" }, "WEBHOOK_SECRET_INVALID", "secret"],
        [{ name: "x", url: "https://example.com/", secret: canary, events: ["credential.nope"] }, "WEBHOOK_EVENTS_INVALID", "events"],
        [{ name: "x", url: "https://example.com/", secret: canary, extra: 1 }, "INPUT_INVALID", ""],
        [{ name: "x", url: `${receiver.origin}/`, secret: canary }, "WEBHOOK_URL_REFUSED", "url"],
      ];
      for (const [body, code, field] of bad) {
        const refused = await call("POST", "/api/v1/webhooks", body);
        assert.equal(refused.status, 400, refused.text);
        assert.equal(refused.body.error?.code, code);
        if (field) assert.equal(refused.body.error?.field, field);
      }
      assert.deepEqual(await server.runtime.deps.store.webhooks.list(), [], "nothing half-stored");

      const member = await createMember(server, admin, "hook-member");
      assert.equal(
        (await call("POST", "/api/v1/webhooks", { name: "m", url: "https://example.com/", secret: canary }, member)).status,
        403,
      );
      assert.equal((await call("GET", "/api/v1/webhooks", undefined, member)).status, 403);

      const created = await call("POST", "/api/v1/webhooks", {
        name: "ops",
        url: `${receiver.origin}/`,
        secret: canary,
        allowPrivateNetwork: true,
      });
      assert.equal(created.status, 201);
      assert.equal((created.body.webhook as { secretPreview: string }).secretPreview, `…${canary.slice(-4)}`);
      assert.equal(
        (await call("POST", "/api/v1/webhooks", { name: "ops", url: `${receiver.origin}/`, secret: canary, allowPrivateNetwork: true }))
          .body.error?.code,
        "WEBHOOK_NAME_TAKEN",
      );
      await call("POST", "/api/v1/webhooks/ops/test");
      await call("POST", "/api/v1/webhooks/ops/test");
      for (const path of ["/api/v1/webhooks", "/api/v1/webhooks/ops/deliveries", "/api/v1/audit?limit=100"])
        assert.equal((await call("GET", path)).status, 200);
      assert.equal(receiver.requests.length, 2);

      for (const text of responses) assert.deepEqual(findCanary(text, canary), [], `a response leaks the secret: ${text.slice(0, 200)}`);
      assert.deepEqual(findCanary(server.logs.text, canary), [], "the log leaks the secret");
      for (const request of receiver.requests)
        assert.deepEqual(findCanary(JSON.stringify(request), canary), [], "a delivery carries the secret");
      await server.runtime.close();
      assert.deepEqual(filesContainingCanary(server.dataDir, canary), [], "a database file holds the secret in plaintext");
      server = await startTestServer({}, server.dataDir);
      const audit = (await server.call("GET", "/api/v1/audit?limit=100", { auth: admin })).body.items as {
        action: string;
        outcome: string;
      }[];
      assert.ok(audit.some((e) => e.action === "webhook.create" && e.outcome === "success"));
      assert.ok(audit.some((e) => e.action === "webhook.create" && e.outcome === "failure"));
      assert.ok(audit.some((e) => e.action === "webhook.test"));
    } finally {
      await receiver.close();
    }
  });
});
