import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { findCanary } from "../support/canary.ts";
import { startGatewayWorld, type GatewayWorld } from "./gateway-world.ts";

async function gatewayAudit(world: GatewayWorld): Promise<Record<string, unknown>[]> {
  const listed = await world.server.api("GET", "/audit?limit=200", undefined, world.server.adminToken);
  const events = (listed.body.events ?? listed.body.items ?? []) as Record<string, unknown>[];
  return events.filter((e) => String(e.action).startsWith("gateway."));
}

describe("the Git gateway with real git clients", () => {
  let world: GatewayWorld;

  before(async () => {
    world = await startGatewayWorld();
  });
  after(async () => world.close());

  it("clones over protocol v2 and v0, fetches, and pushes through the gateway", async () => {
    const v2 = await world.git(["clone", "--quiet", "--", world.gatewayUrl("rocket"), "v2"], { extraConfig: { "protocol.version": "2" } });
    assert.equal(v2.code, 0, v2.stderr);
    assert.equal(readFileSync(join(world.home, "v2", "README.md"), "utf8"), "hello\n");
    const v0 = await world.git(["clone", "--quiet", "--", world.gatewayUrl("rocket"), "v0"], { extraConfig: { "protocol.version": "0" } });
    assert.equal(v0.code, 0, v0.stderr);
    const branches = await world.git(["-C", "v0", "branch", "-r"]);
    assert.match(branches.stdout, /origin\/release/);

    const dir = join(world.home, "v2");
    writeFileSync(join(dir, "pushed.txt"), "through the gateway\n");
    assert.equal((await world.git(["-C", dir, "add", "pushed.txt"])).code, 0);
    assert.equal((await world.git(["-C", dir, "commit", "--quiet", "-m", "via gateway"])).code, 0);
    const pushed = await world.git(["-C", dir, "push", "origin", "HEAD:refs/heads/main"]);
    assert.equal(pushed.code, 0, pushed.stderr);

    const fetched = await world.git(["-C", "v0", "pull", "--quiet", "--ff-only", "origin", "main"]);
    assert.equal(fetched.code, 0, fetched.stderr);
    assert.equal(readFileSync(join(world.home, "v0", "pushed.txt"), "utf8"), "through the gateway\n", "the fetch saw the push");

    const events = await gatewayAudit(world);
    assert.ok(
      events.some((e) => e.action === "gateway.push" && e.outcome === "success"),
      "the push is audited",
    );
    const reads = events.filter((e) => e.action === "gateway.read" && e.outcome === "success");
    assert.ok(reads.length >= 2, "reads are audited");
    assert.ok(
      reads.every((e) => (e.actorName as string) === "admin"),
      "who is recorded",
    );
    assert.ok(reads.some((e) => (e.detail as { source?: string }).source === "upstream"));
  });

  it("relays an upstream pre-receive hook rejection unchanged", async () => {
    const clone = await world.git(["clone", "--quiet", "--", world.gatewayUrl("hooked"), "hooked"]);
    assert.equal(clone.code, 0, clone.stderr);
    const dir = join(world.home, "hooked");
    writeFileSync(join(dir, "x.txt"), "x\n");
    await world.git(["-C", dir, "add", "x.txt"]);
    await world.git(["-C", dir, "commit", "--quiet", "-m", "x"]);
    const refused = await world.git(["-C", dir, "push", "origin", "HEAD:refs/heads/locked"]);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /remote: policy: refs\/heads\/locked is protected by the upstream/);
    assert.match(refused.stderr, /pre-receive hook declined/);
    const accepted = await world.git(["-C", dir, "push", "origin", "HEAD:refs/heads/open"]);
    assert.equal(accepted.code, 0, accepted.stderr);
  });

  it("refuses a wrong token, no token and an unknown repository with git's 401/403/404 and one line", async () => {
    const wrong = await world.git(["ls-remote", "--", world.gatewayUrl("rocket")], { token: "rlk_not_a_real_token" });
    assert.notEqual(wrong.code, 0);
    assert.match(wrong.stderr, /Authentication failed|401|could not read Username/i);
    const none = await world.git(["ls-remote", "--", world.gatewayUrl("rocket")], { token: null });
    assert.notEqual(none.code, 0);
    const unknown = await world.git(["ls-remote", "--", world.gatewayUrl("unregistered")]);
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /No registered repository has this gateway path|not found/i);
    const response = await fetch(`${world.gatewayUrl("rocket")}/info/refs?service=git-upload-pack`);
    assert.equal(response.status, 401);
    assert.match(response.headers.get("www-authenticate") ?? "", /^Basic /);
    assert.equal((await response.text()).trim().split("\n").length, 1, "one line");
  });

  it("takes the API token as a Basic password, so git's own credential store works", async () => {
    const basic = Buffer.from(`runner:${world.pipelineToken}`).toString("base64");
    const run = await world.git(["ls-remote", "--", world.gatewayUrl("rocket")], {
      token: null,
      extraConfig: { "http.extraHeader": `Authorization: Basic ${basic}` },
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /refs\/heads\/main/);
  });

  it("shows a token used only by git through the gateway as used (its last use)", async () => {
    const created = await world.server.api("POST", "/tokens", { name: "gateway-only-runner" }, world.server.adminToken);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const lastUse = async () => {
      const listed = await world.server.api("GET", "/tokens", undefined, world.server.adminToken);
      const token = (listed.body.items as { name: string; lastUsedAt: string | null }[]).find((t) => t.name === "gateway-only-runner");
      return token?.lastUsedAt;
    };
    assert.equal(await lastUse(), null, "never used yet");
    const run = await world.git(["ls-remote", "--", world.gatewayUrl("rocket")], { token: String(created.body.token) });
    assert.equal(run.code, 0, run.stderr);
    assert.ok(await lastUse(), "used by the ls-remote");
  });

  it("leaks the stored token nowhere: git output, server logs or the audit", async () => {
    const run = await world.git(["clone", "--quiet", "--", world.gatewayUrl("rocket"), "leak"]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(findCanary(run.stdout + run.stderr, world.token), []);
    assert.deepEqual(findCanary(world.server.logs.text, world.token), []);
    const audit = await world.server.api("GET", "/audit?limit=500", undefined, world.server.adminToken);
    assert.deepEqual(findCanary(JSON.stringify(audit.body), world.token), []);
    assert.deepEqual(findCanary(readFileSync(join(world.home, "leak", ".git", "config"), "utf8"), world.token), []);
  });
});
