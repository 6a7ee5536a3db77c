import assert from "node:assert/strict";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { rmSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import type { CoreDeps } from "../../src/core/deps.ts";
import { deliverDue } from "../../src/core/notifications/deliver-due.ts";
import { notify } from "../../src/core/notifications/notify.ts";
import type { WebhookDelivery } from "../../src/core/notifications/webhook.ts";
import { bootstrapAdmin, startTestServer, type TestServer } from "../support/test-server.ts";
import { expectedSignature, startReceiver } from "./webhook-receiver.ts";

/** Core deps of the server on a clock the test moves; far in the future so the server's own timer never finds these due. */
function clocked(deps: CoreDeps, start = Date.parse("2031-03-01T00:00:00Z")): { deps: CoreDeps; tick(ms: number): Date } {
  const clock = { t: start };
  return { deps: { ...deps, now: () => new Date(clock.t) }, tick: (ms) => new Date((clock.t += ms)) };
}

describe("webhook deliveries", () => {
  let server: TestServer;
  let admin: string;
  const secret = `whsec-${randomBytes(24).toString("base64url")}`;

  before(async () => {
    server = await startTestServer();
    admin = await bootstrapAdmin(server);
  });
  after(async () => {
    await server.close();
    rmSync(server.dataDir, { recursive: true, force: true });
  });

  async function addWebhook(name: string, url: string, extra: Record<string, unknown> = {}): Promise<string> {
    const created = await server.call("POST", "/api/v1/webhooks", {
      auth: admin,
      body: { name, url, secret, allowPrivateNetwork: true, ...extra },
    });
    assert.equal(created.status, 201, created.text);
    return String((created.body.webhook as { id: string }).id);
  }

  it("signs each delivery with HMAC-SHA256 of the raw body, like X-Hub-Signature-256", async () => {
    const receiver = await startReceiver([204]);
    try {
      await addWebhook("signed", `${receiver.origin}/hook?team=release`);
      const ping = await server.call("POST", "/api/v1/webhooks/signed/test", { auth: admin });
      assert.equal(ping.status, 200, ping.text);
      const delivery = ping.body.delivery as WebhookDelivery;
      assert.equal(delivery.status, "delivered");
      assert.equal(delivery.responseStatus, 204);
      assert.equal(receiver.requests.length, 1);
      const [request] = receiver.requests;
      assert.equal(request?.method, "POST");
      assert.equal(request?.path, "/hook?team=release");
      assert.equal(request?.headers["x-repolink-event"], "ping");
      assert.equal(request?.headers["x-repolink-delivery"], delivery.id);
      assert.equal(request?.headers["content-type"], "application/json");
      const signature = String(request?.headers["x-repolink-signature-256"]);
      const expected = expectedSignature(secret, request?.body ?? "");
      assert.ok(
        signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected)),
        "signature verifies",
      );
      assert.notEqual(signature, expectedSignature(`${secret}x`, request?.body ?? ""), "a different secret does not verify");
      const body = JSON.parse(request?.body ?? "{}") as { event: string; deliveredAt: string; data: { webhook: { name: string } } };
      assert.equal(body.event, "ping");
      assert.equal(body.data.webhook.name, "signed");
      assert.ok(!Number.isNaN(Date.parse(body.deliveredAt)));
    } finally {
      await receiver.close();
      for (const w of await server.runtime.deps.store.webhooks.list())
        await server.call("DELETE", `/api/v1/webhooks/${w.id}`, { auth: admin });
    }
  });

  it("retries after 500s with backoff, then delivers; the log shows every attempt", async () => {
    const receiver = await startReceiver([500, 503, 200]);
    try {
      await addWebhook("flaky", `${receiver.origin}/flaky`, { events: ["connection.status_changed"] });
      const { deps, tick } = clocked(server.runtime.deps);
      const start = deps.now();
      const [queued, ...more] = await notify(deps, "connection.status_changed", {
        repository: "octo/app",
        from: "connected",
        to: "failing",
      });
      assert.ok(queued && more.every((d) => d.webhookId !== queued.webhookId), "one delivery for the subscribed webhook");
      const log = async (): Promise<WebhookDelivery> => {
        const response = await server.call("GET", "/api/v1/webhooks/flaky/deliveries", { auth: admin });
        return (response.body.items as WebhookDelivery[])[0] as WebhookDelivery;
      };

      assert.equal((await deliverDue(deps, start)).outcomes.pending, 1);
      let entry = await log();
      assert.deepEqual([entry.attempt, entry.status, entry.responseStatus, entry.error], [1, "pending", 500, "HTTP 500"]);
      assert.equal(entry.nextAttemptAt, new Date(start.getTime() + 10_000).toISOString(), "first retry after 10 s");

      assert.equal((await deliverDue(deps, tick(9_000))).attempted, 0, "not due yet");
      assert.equal((await deliverDue(deps, tick(1_000))).outcomes.pending, 1);
      entry = await log();
      assert.deepEqual([entry.attempt, entry.responseStatus], [2, 503]);
      assert.equal(entry.nextAttemptAt, new Date(start.getTime() + 10_000 + 60_000).toISOString(), "second retry a minute later");

      assert.equal((await deliverDue(deps, tick(60_000))).outcomes.delivered, 1);
      entry = await log();
      assert.deepEqual(
        [entry.attempt, entry.status, entry.responseStatus, entry.error, entry.nextAttemptAt],
        [3, "delivered", 200, null, null],
      );
      assert.equal(receiver.requests.length, 3);
      const ids = new Set(receiver.requests.map((r) => r.headers["x-repolink-delivery"]));
      assert.deepEqual([...ids], [queued.id], "every attempt carries the same delivery id");
      assert.equal((await deliverDue(deps, tick(86_400_000))).attempted, 0, "nothing left to send");
    } finally {
      await receiver.close();
      for (const w of await server.runtime.deps.store.webhooks.list())
        await server.call("DELETE", `/api/v1/webhooks/${w.id}`, { auth: admin });
    }
  });

  it("follows the README's schedule: six attempts, retried after 10 s, 1 min, 5 min, 30 min and 2 h, then failed", async () => {
    const receiver = await startReceiver([500]);
    try {
      await addWebhook("down", `${receiver.origin}/down`, { events: ["credential.revoked"] });
      const { deps, tick } = clocked(server.runtime.deps, Date.parse("2033-06-01T00:00:00Z"));
      const [queued] = await notify(deps, "credential.revoked", { credential: "bot" });
      assert.ok(queued);
      const state = async (): Promise<[number, string, string | null]> => {
        const response = await server.call("GET", "/api/v1/webhooks/down/deliveries", { auth: admin });
        const [entry] = response.body.items as WebhookDelivery[];
        return [entry?.attempt ?? 0, entry?.status ?? "missing", entry?.nextAttemptAt ?? null];
      };
      assert.equal((await deliverDue(deps, deps.now())).attempted, 1, "attempt 1 at once");
      const delays = [10_000, 60_000, 300_000, 1_800_000, 7_200_000];
      for (const [i, delay] of delays.entries()) {
        const failedAt = deps.now().getTime();
        assert.deepEqual(
          await state(),
          [i + 1, "pending", new Date(failedAt + delay).toISOString()],
          `retry ${i + 1} is due ${delay / 1000} s later`,
        );
        assert.equal((await deliverDue(deps, tick(delay - 1))).attempted, 0, `attempt ${i + 2} is not due 1 ms early`);
        assert.equal((await deliverDue(deps, tick(1))).attempted, 1, `attempt ${i + 2} is sent when due`);
      }
      assert.deepEqual(await state(), [6, "failed", null], "six attempts in all");
      assert.equal((await deliverDue(deps, tick(30 * 86_400_000))).attempted, 0, "nothing after the sixth");
      assert.equal(receiver.requests.length, 6);
    } finally {
      await receiver.close();
      for (const w of await server.runtime.deps.store.webhooks.list())
        await server.call("DELETE", `/api/v1/webhooks/${w.id}`, { auth: admin });
    }
  });

  it("gives up after the last attempt", async () => {
    const receiver = await startReceiver([500]);
    try {
      await addWebhook("broken", `${receiver.origin}/`, { events: ["rotation.completed"] });
      const { deps, tick } = clocked(server.runtime.deps, Date.parse("2032-01-01T00:00:00Z"));
      await notify(deps, "rotation.completed", { credential: "bot" });
      const policy = { delaysMs: [1_000], maxAttempts: 3, leaseMs: 5_000 };
      await deliverDue(deps, deps.now(), { policy });
      await deliverDue(deps, tick(1_000), { policy });
      const last = await deliverDue(deps, tick(1_000), { policy });
      assert.equal(last.outcomes.failed, 1);
      const [entry] = (await server.call("GET", "/api/v1/webhooks/broken/deliveries", { auth: admin })).body.items as WebhookDelivery[];
      assert.deepEqual([entry?.attempt, entry?.status, entry?.nextAttemptAt], [3, "failed", null]);
      assert.equal(receiver.requests.length, 3);
    } finally {
      await receiver.close();
      for (const w of await server.runtime.deps.store.webhooks.list())
        await server.call("DELETE", `/api/v1/webhooks/${w.id}`, { auth: admin });
    }
  });

  it("refuses a 127.0.0.1 receiver without allowPrivateNetwork, at registration and at delivery, without connecting", async () => {
    const receiver = await startReceiver([204]);
    try {
      const refused = await server.call("POST", "/api/v1/webhooks", {
        auth: admin,
        body: { name: "sneaky", url: `${receiver.origin}/`, secret },
      });
      assert.equal(refused.status, 400, refused.text);
      assert.equal(refused.body.error?.code, "WEBHOOK_URL_REFUSED");
      assert.equal(refused.body.error?.field, "url");
      assert.equal(await server.runtime.deps.store.webhooks.findByName("sneaky"), undefined, "nothing stored");

      // Stored without the registration check (e.g. DNS changed since): the delivery is still refused.
      const real = server.runtime.deps.notifier!;
      const lenient = { ...server.runtime.deps, notifier: { send: real.send.bind(real), checkUrl: async () => {} } };
      const { createWebhook } = await import("../../src/core/notifications/create-webhook.ts");
      await createWebhook(
        lenient,
        { id: null, username: "system", role: "system" },
        { name: "sneaky", url: `${receiver.origin}/`, secret, events: ["credential.revoked"] },
      );
      const { deps } = clocked(server.runtime.deps, Date.parse("2033-01-01T00:00:00Z"));
      await notify(deps, "credential.revoked", { credential: "bot" });
      const report = await deliverDue(deps, deps.now());
      assert.equal(report.outcomes.failed, 1, "an address refusal is not retried");
      const [entry] = (await server.call("GET", "/api/v1/webhooks/sneaky/deliveries", { auth: admin })).body.items as WebhookDelivery[];
      assert.deepEqual([entry?.status, entry?.error, entry?.responseStatus], ["failed", "HOST_ADDRESS_REFUSED", null]);
      assert.equal(receiver.connections, 0, "no connection was opened");
    } finally {
      await receiver.close();
      for (const w of await server.runtime.deps.store.webhooks.list())
        await server.call("DELETE", `/api/v1/webhooks/${w.id}`, { auth: admin });
    }
  });

  it("resumes pending deliveries after a restart", async () => {
    // Restarts a server of its own: the suite's shared server stays as every other test expects it.
    const receiver = await startReceiver([500, 204]);
    const first = await startTestServer();
    const dataDir = first.dataDir;
    let firstOpen = true;
    let reopenedServer: TestServer | undefined;
    try {
      const created = await first.call("POST", "/api/v1/webhooks", {
        auth: await bootstrapAdmin(first),
        body: { name: "durable", url: `${receiver.origin}/`, secret, allowPrivateNetwork: true, events: ["credential.expiring"] },
      });
      assert.equal(created.status, 201, created.text);
      const { deps, tick } = clocked(first.runtime.deps, Date.parse("2034-01-01T00:00:00Z"));
      await notify(deps, "credential.expiring", { credential: "bot" });
      await deliverDue(deps, deps.now());
      assert.equal(receiver.requests.length, 1);
      await first.runtime.close();
      firstOpen = false;
      reopenedServer = await startTestServer({}, dataDir);
      const reopened = clocked(reopenedServer.runtime.deps, tick(10_000).getTime());
      assert.equal((await deliverDue(reopened.deps, reopened.deps.now())).outcomes.delivered, 1);
      assert.equal(receiver.requests.length, 2);
    } finally {
      await receiver.close();
      if (firstOpen) await first.runtime.close();
      await reopenedServer?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
