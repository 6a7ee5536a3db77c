import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { findCanary } from "../support/canary.ts";
import { runCli } from "../support/run-cli.ts";
import {
  bearerConfig,
  commitUpstream,
  mirrorOf,
  processesMentioning,
  startGatewayWorld,
  waitFor,
  type GatewayWorld,
  type GitRun,
} from "./gateway-world.ts";
import { startSlowProxy } from "./slow-proxy.ts";

const randomText = (bytes: number): string => randomBytes(bytes).toString("base64");

function git(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile("git", args, { cwd, env: { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: "1", HOME: cwd } }, (error, stdout) =>
      error ? reject(error) : resolve(String(stdout)),
    ),
  );
}

describe("the Git gateway under faults, with real git clients", { skip: process.platform !== "linux" }, () => {
  let world: GatewayWorld;
  let bigDir: string;

  before(async () => {
    world = await startGatewayWorld({ REPOLINK_GATEWAY_TIMEOUT_SECONDS: "30", REPOLINK_GATEWAY_MAX_PUSH_MIB: "1" });
    // Random text does not compress: its pack is larger than every socket buffer between the gateway and git.
    await world.fake.addRepo({ owner: "octocat", name: "big", private: true, files: { "blob.txt": randomText(24 * 1024 * 1024) } });
    const added = await world.server.api("POST", "/repositories", { url: `${world.fake.url}/octocat/big.git`, credential: "bot" });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    bigDir = join(world.home, "big-first");
  });
  after(async () => world.close());

  it("an upstream that dies mid-fetch gives git a clear error, and the mirror keeps its previous refs, whole", async () => {
    const first = await world.git(["clone", "--quiet", "--", world.gatewayUrl("rocket"), "rocket-first"]);
    assert.equal(first.code, 0, first.stderr);
    const mirror = await mirrorOf(world, "rocket");
    const before = await git(["for-each-ref", "--format=%(objectname) %(refname)"], mirror);
    const next = await commitUpstream(world, "rocket", "more.txt", randomText(256 * 1024));

    world.fake.failGit({ kind: "die-mid-pack", afterBytes: 4096 });
    const broken = await world.git(["clone", "--quiet", "--", world.gatewayUrl("rocket"), "rocket-broken"]);
    assert.notEqual(broken.code, 0, "the clone failed");
    assert.match(broken.stderr, /Repolink could not serve octocat\/rocket/);
    assert.deepEqual(findCanary(broken.stderr, world.token), []);
    assert.equal(await git(["for-each-ref", "--format=%(objectname) %(refname)"], mirror), before, "the previous refs");
    await git(["fsck", "--no-progress", "--connectivity-only"], mirror);

    const healed = await world.git(["clone", "--quiet", "--", world.gatewayUrl("rocket"), "rocket-healed"]);
    assert.equal(healed.code, 0, healed.stderr);
    assert.equal((await world.git(["-C", "rocket-healed", "rev-parse", "HEAD"])).stdout.trim(), next, "the upstream's new commit");
  });

  it("an upstream that never answers gives git a clear error once REPOLINK_GATEWAY_TIMEOUT_SECONDS pass", async () => {
    world.fake.failGit({ kind: "hang" });
    const run = await world.git(["ls-remote", "--", world.gatewayUrl("rocket")]);
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /GIT_TIMEOUT|did not answer in time/);
    const ok = await world.git(["ls-remote", "--", world.gatewayUrl("rocket")]);
    assert.equal(ok.code, 0, ok.stderr);
  });

  it("a client that disconnects mid-pack leaves no git process behind", async () => {
    const warm = await world.git(["ls-remote", "--", world.gatewayUrl("big")]);
    assert.equal(warm.code, 0, warm.stderr);
    const mirror = await mirrorOf(world, "big");
    const proxy = await startSlowProxy(world.server.url, 40);
    try {
      const url = `${proxy.url}/git/ghe.test/octocat/big.git`;
      const client = spawn("git", ["clone", "--quiet", "--", url, bigDir], {
        cwd: world.home,
        env: { ...world.env, REPOLINK_TOKEN: "", ...bearerConfig(world.pipelineToken) },
        detached: true,
        stdio: "ignore",
      });
      // Mid-pack: the client is writing the pack it receives (not the ref listing before it), and upload-pack still runs.
      const receivingPack = () =>
        (readdirSync(join(bigDir, ".git", "objects", "pack"), { withFileTypes: true }) as { name: string }[]).some((f) =>
          f.name.startsWith("tmp_pack_"),
        );
      const serving = await waitFor("upload-pack serving the pack", () => {
        const found = processesMentioning(mirror).find((p) => p.argv.includes("upload-pack") && !p.argv.includes("--advertise-refs"));
        try {
          return found !== undefined && receivingPack() ? found : null;
        } catch {
          return null;
        }
      });
      // The server's git holds no secret of any kind in its environment: it serves the mirror without credentials.
      const environ = readFileSync(`/proc/${serving.pid}/environ`, "latin1");
      assert.match(environ, /GIT_CONFIG_COUNT=/, "the environment was read");
      assert.deepEqual(findCanary(environ, world.token), [], "no stored token in upload-pack's environment");
      assert.deepEqual(findCanary(environ, world.pipelineToken), [], "no API token in upload-pack's environment");
      process.kill(-client.pid!, "SIGKILL");
      await waitFor("the upload-pack to be gone", () => processesMentioning(mirror).length === 0);
      assert.ok(serving.pid > 0);
    } finally {
      await proxy.close();
    }
    // The audit is written as the gateway notices the client gone.
    await waitFor("the cancelled read in the audit", async () => {
      const audit = await world.server.api("GET", "/audit?limit=50");
      const events = (audit.body.events ?? audit.body.items ?? []) as {
        action: string;
        outcome: string;
        targetName: string;
        detail: { code?: string };
      }[];
      return events.some(
        (e) =>
          e.action === "gateway.read" &&
          e.targetName === "ghe.test/octocat/big" &&
          e.outcome === "failure" &&
          e.detail.code === "GIT_CANCELLED",
      );
    });
  });

  it("a push over REPOLINK_GATEWAY_MAX_PUSH_MIB is refused and nothing reaches the upstream", async () => {
    const clone = await world.git(["clone", "--quiet", "--", world.gatewayUrl("rocket"), "rocket-push"]);
    assert.equal(clone.code, 0, clone.stderr);
    const dir = join(world.home, "rocket-push");
    writeFileSync(join(dir, "large.txt"), randomText(3 * 1024 * 1024));
    await world.git(["-C", dir, "add", "large.txt"]);
    await world.git(["-C", dir, "commit", "--quiet", "-m", "too large"]);
    const pushed: GitRun = await world.git(["-C", dir, "push", "origin", "HEAD:refs/heads/too-large"]);
    assert.notEqual(pushed.code, 0, "the push failed");
    // git shows the 413 line when it reads the answer before its upload is cut; else the connection reset.
    assert.match(pushed.stderr, /413|too large|GATEWAY_REQUEST_TOO_LARGE|RPC failed|hung up/i, pushed.stderr);
    await waitFor("the refused push in the audit", async () => {
      const audit = await world.server.api("GET", "/audit?limit=50");
      const events = (audit.body.events ?? audit.body.items ?? []) as { action: string; detail: { code?: string } }[];
      return events.some((e) => e.action === "gateway.push" && e.detail.code === "GATEWAY_REQUEST_TOO_LARGE");
    });
    const upstream = await world.git(["ls-remote", "--", `${world.fake.url}/octocat/rocket.git`, "refs/heads/too-large"], {
      token: null,
      extraConfig: { "http.extraHeader": `Authorization: Bearer ${world.token}` },
    });
    assert.equal(upstream.code, 0, upstream.stderr);
    assert.equal(upstream.stdout.trim(), "", "the upstream has no such branch");
  });

  it("refuses a pipeline token whose grant has expired", async () => {
    const created = await world.server.api("POST", "/tokens", { name: "short-lived", expiresInDays: 1 });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const token = String(created.body.token);
    assert.equal((await world.git(["ls-remote", "--", world.gatewayUrl("rocket")], { token })).code, 0, "works while valid");
    // The grant's end comes: moved into the past in the database, as time would.
    const db = new Database(join(world.server.dataDir, "repolink.db"));
    try {
      db.prepare("UPDATE api_tokens SET expires_at = ? WHERE name = ?").run(new Date(Date.now() - 60_000).toISOString(), "short-lived");
    } finally {
      db.close();
    }
    const response = await fetch(`${world.gatewayUrl("rocket")}/info/refs?service=git-upload-pack`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(response.status, 401);
    assert.match(await response.text(), /TOKEN_EXPIRED/);
    const run = await world.git(["ls-remote", "--", world.gatewayUrl("rocket")], { token });
    assert.notEqual(run.code, 0, "git is refused (401: it asks for other credentials, and has none)");
  });

  it("lets only an admin make a credential gateway-only", async () => {
    const password = "a member's long password";
    assert.equal((await world.server.api("POST", "/users", { username: "dev", password, role: "member" })).status, 201);
    const login = await world.server.api("POST", "/auth/token", { username: "dev", password, name: "dev-laptop" }, "");
    const memberEnv = { ...world.env, REPOLINK_TOKEN: String(login.body.token) };
    const refused = await runCli(["credential", "update", "bot", "--release", "gateway-only"], { env: memberEnv });
    assert.equal(refused.code, 3, refused.stderr);
    const shown = await world.server.api("GET", "/credentials/bot");
    assert.equal((shown.body.credential as { release: string }).release, "helper", "nothing changed");
  });
});
