import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { filesContainingCanary, findCanary } from "../support/canary.ts";
import { startCliWorld, type CliWorld } from "../support/cli-world.ts";
import { runCli } from "../support/run-cli.ts";
import { expectedSignature, startReceiver } from "./webhook-receiver.ts";

describe("repolink webhook … (CLI against a real server)", () => {
  const secret = `whsec-cli-${randomBytes(24).toString("base64url")}`;
  let world: CliWorld;

  before(async () => {
    world = await startCliWorld("webhook-cli");
  });
  after(async () => {
    await world?.stop();
  });

  it("serve listens on 127.0.0.1 when no --host is given", () => {
    assert.match(world.serve.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("adds (secret from stdin only), lists, tests, shows deliveries and removes a webhook", async () => {
    const receiver = await startReceiver([204]);
    try {
      const noStdin = await runCli(["webhook", "add", "--name", "ops", "--url", `${receiver.origin}/`], { env: world.env });
      assert.equal(noStdin.code, 2);
      const refused = await runCli(["webhook", "add", "--name", "ops", "--url", `${receiver.origin}/`, "--secret-stdin", "--json"], {
        env: world.env,
        stdin: `${secret}\n`,
      });
      assert.equal(refused.code, 2, refused.stderr);
      assert.equal(JSON.parse(refused.stdout).error.code, "WEBHOOK_URL_REFUSED");
      const add = await runCli(
        [
          "webhook",
          "add",
          "--name",
          "ops",
          "--url",
          `${receiver.origin}/`,
          "--secret-stdin",
          "--events",
          "credential.expiring,connection.status_changed",
          "--allow-private-network",
          "--json",
        ],
        { env: world.env, stdin: `${secret}\n` },
      );
      assert.equal(add.code, 0, add.stderr);
      assert.deepEqual(JSON.parse(add.stdout).events, ["credential.expiring", "connection.status_changed"]);
      const list = await runCli(["webhook", "list"], { env: world.env });
      assert.match(list.stdout, /ops .*credential\.expiring,connection\.status_changed .*allowed/);
      const ping = await runCli(["webhook", "test", "ops", "--json"], { env: world.env });
      assert.equal(ping.code, 0, ping.stderr);
      assert.equal(JSON.parse(ping.stdout).status, "delivered");
      const request = receiver.requests[0];
      assert.equal(request?.headers["x-repolink-signature-256"], expectedSignature(secret, request?.body ?? ""));
      const deliveries = await runCli(["webhook", "deliveries", "ops"], { env: world.env });
      assert.match(deliveries.stdout, /ping\s+delivered\s+1\s+204/);
      const removed = await runCli(["webhook", "remove", "ops"], { env: world.env });
      assert.equal(removed.code, 0, removed.stderr);
      assert.equal((await runCli(["webhook", "deliveries", "ops"], { env: world.env })).code, 1);
      for (const output of [add, list, ping, deliveries, removed]) assert.deepEqual(findCanary(output.stdout + output.stderr, secret), []);
      assert.deepEqual(findCanary(world.serve.output(), secret), [], "the server log leaks the secret");
      assert.deepEqual(filesContainingCanary(world.home, secret), []);
    } finally {
      await receiver.close();
    }
  });

  it("refuses an unknown event naming --events and the valid ones; a ping to a dead receiver reports why; the log shows it", async () => {
    const unknown = await runCli(
      [
        "webhook",
        "add",
        "--name",
        "typo",
        "--url",
        "https://hooks.example.com/",
        "--secret-stdin",
        "--events",
        "connection.status_changed,repo.changed",
      ],
      { env: world.env, stdin: `${secret}\n` },
    );
    assert.equal(unknown.code, 2, unknown.stderr);
    assert.match(unknown.stderr, /WEBHOOK_EVENTS_INVALID/);
    assert.match(
      unknown.stderr,
      /--events: "repo\.changed" is not an event Repolink sends; choose from connection\.status_changed, credential\.expiring/,
    );
    const dead = await startReceiver([204]);
    const origin = dead.origin;
    await dead.close();
    const add = await runCli(
      [
        "webhook",
        "add",
        "--name",
        "gone",
        "--url",
        `${origin}/`,
        "--secret-stdin",
        "--allow-private-network",
        "--events",
        "credential.expired",
      ],
      { env: world.env, stdin: `${secret}\n` },
    );
    assert.equal(add.code, 0, add.stderr);
    const ping = await runCli(["webhook", "test", "gone"], { env: world.env });
    assert.equal(ping.code, 1, "a ping that was not delivered fails the command");
    assert.match(ping.stdout, /Test ping to "gone": Not delivered yet \(1 attempt\): the receiver could not be reached/);
    assert.doesNotMatch(ping.stdout + ping.stderr, /ECONNREFUSED|127\.0\.0\.1/, "no raw socket error or address");
    const table = await runCli(["webhook", "deliveries", "gone"], { env: world.env });
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /TIME\s+EVENT\s+STATUS\s+ATTEMPTS\s+HTTP\s+OUTCOME/);
    assert.match(table.stdout, /ping\s+pending\s+1\s+-\s+Not delivered yet/);
    assert.equal((await runCli(["webhook", "test", "gone"], { env: world.env })).code, 1);
    type Row = { id: string; event: string; status: string; attempt: number; responseStatus: null; outcome: string };
    const first = await runCli(["webhook", "deliveries", "gone", "--json", "--limit", "1"], { env: world.env });
    assert.equal(first.code, 0, first.stderr);
    const newest = JSON.parse(first.stdout) as Row[];
    assert.equal(newest.length, 1, "--json is the array of deliveries, as before");
    assert.deepEqual(
      { event: newest[0]?.event, status: newest[0]?.status, attempt: newest[0]?.attempt, responseStatus: newest[0]?.responseStatus },
      { event: "ping", status: "pending", attempt: 1, responseStatus: null },
    );
    const cursor = /Older deliveries: --cursor (\S+)/.exec(first.stderr)?.[1];
    assert.ok(cursor, first.stderr);
    const second = await runCli(["webhook", "deliveries", "gone", "--json", "--limit", "1", "--cursor", cursor], { env: world.env });
    const older = JSON.parse(second.stdout) as Row[];
    assert.equal(older.length, 1);
    assert.notEqual(older[0]?.id, newest[0]?.id, "the next page holds the older ping");
    assert.doesNotMatch(second.stderr, /Older deliveries/, "the last page says nothing more");
    const bad = await runCli(["webhook", "deliveries", "gone", "--cursor", "nonsense"], { env: world.env });
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, /WEBHOOK_DELIVERY_CURSOR_INVALID/);
    assert.equal((await runCli(["webhook", "remove", "gone"], { env: world.env })).code, 0);
  });
});
