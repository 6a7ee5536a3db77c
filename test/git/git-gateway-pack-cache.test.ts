import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { readPackCacheCounts, type PackCacheCounts } from "../../src/adapters/git/gateway/pack-objects-cache.ts";
import {
  bearerConfig,
  commitUpstream,
  mirrorOf,
  processesMentioning,
  startGatewayWorld,
  waitFor,
  type GatewayWorld,
} from "./gateway-world.ts";
import { startSlowProxy } from "./slow-proxy.ts";

const MiB = 1024 * 1024;
// Random text compresses to about its random bytes: a pack of `bytes` (base64 keeps it text).
const randomText = (bytes: number): string => randomBytes(bytes).toString("base64");

function gitIn(dir: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile("git", args, { cwd: dir, env: { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: "1", HOME: dir } }, (error, stdout, stderr) =>
      error ? reject(new Error(`git ${args.join(" ")}: ${String(stderr)}`)) : resolve(String(stdout)),
    ),
  );
}

describe("the gateway's pack-objects cache, with real git clients", { skip: process.platform !== "linux" }, () => {
  let world: GatewayWorld;
  let cacheDir: string;
  const counts = (): Promise<PackCacheCounts> => readPackCacheCounts(cacheDir);
  const entries = (): { name: string; size: number }[] =>
    readdirSync(join(cacheDir, "packs")).map((name) => ({ name, size: statSync(join(cacheDir, "packs", name)).size }));
  const leftovers = (): string[] => readdirSync(join(cacheDir, "tmp"));

  /** Clones octocat/<name> through the gateway into `dir`, checks it whole (`git fsck`), and gives its HEAD. */
  async function cloneChecked(name: string, dir: string): Promise<string> {
    const clone = await world.git(["clone", "--quiet", "--no-checkout", "--", world.gatewayUrl(name), dir]);
    assert.equal(clone.code, 0, clone.stderr);
    await gitIn(join(world.home, dir), ["fsck", "--no-progress", "--strict"]);
    return (await gitIn(join(world.home, dir), ["rev-parse", "HEAD"])).trim();
  }

  async function register(name: string, files: Record<string, string>): Promise<void> {
    await world.fake.addRepo({ owner: "octocat", name, private: true, files });
    const added = await world.server.api("POST", "/repositories", { url: `${world.fake.url}/octocat/${name}.git`, credential: "bot" });
    assert.equal(added.status, 201, JSON.stringify(added.body));
  }

  before(async () => {
    world = await startGatewayWorld({ REPOLINK_GATEWAY_TIMEOUT_SECONDS: "60", REPOLINK_GATEWAY_PACK_CACHE_MIB: "8" });
    cacheDir = join(world.server.dataDir, "git", "gateway-packs");
    await register("big", { "blob.txt": randomText(6 * MiB) });
    await register("alpha", { "blob.txt": randomText(5 * MiB) });
    await register("beta", { "blob.txt": randomText(5 * MiB) });
  });
  after(async () => world.close());

  it("serves a second clone from the cache, whole, and a changed upstream gets a new pack, never the old one", async () => {
    const start = await counts();
    const first = await cloneChecked("rocket", "cache-first");
    assert.deepEqual(await counts(), { generated: start.generated + 1, served: start.served }, "the first clone generates");
    const second = await cloneChecked("rocket", "cache-second");
    assert.equal(second, first);
    assert.deepEqual(await counts(), { generated: start.generated + 1, served: start.served + 1 }, "the second is served");

    const next = await commitUpstream(world, "rocket", "moved.txt", "moved\n");
    const third = await cloneChecked("rocket", "cache-third");
    assert.equal(third, next, "the upstream's new commit, not the cached pack");
    assert.deepEqual(await counts(), { generated: start.generated + 2, served: start.served + 1 }, "new objects: a new pack");
    assert.equal(await cloneChecked("rocket", "cache-fourth"), next);
    assert.deepEqual(leftovers(), [], "nothing left in tmp/");
  });

  it("makes one pack for two concurrent clones of the same state", async () => {
    const next = await commitUpstream(world, "rocket", "together.txt", "together\n");
    const start = await counts();
    const [a, b] = await Promise.all([cloneChecked("rocket", "together-a"), cloneChecked("rocket", "together-b")]);
    assert.equal(a, next);
    assert.equal(b, next);
    assert.deepEqual(await counts(), { generated: start.generated + 1, served: start.served + 1 }, "one generation, one copy");
  });

  /** Starts a runner's `git clone` of octocat/<name> through `base` (a slow proxy) into `target`, in its own process group. */
  function startClone(base: string, name: string, target: string): { pid: number; done: Promise<number> } {
    const client = spawn("git", ["clone", "--quiet", "--no-checkout", "--", `${base}/git/ghe.test/octocat/${name}.git`, target], {
      cwd: world.home,
      env: { ...world.env, REPOLINK_TOKEN: "", ...bearerConfig(world.pipelineToken) },
      detached: true,
      stdio: "ignore",
    });
    const done = new Promise<number>((resolve) => client.on("close", (code) => resolve(code ?? -1)));
    return { pid: client.pid!, done };
  }

  /** True once git is receiving the pack into `target` (its temporary pack file exists). */
  const receiving = (target: string): boolean => {
    try {
      return readdirSync(join(target, ".git", "objects", "pack")).some((f) => f.startsWith("tmp_pack_"));
    } catch {
      return false;
    }
  };

  it("a client that disconnects mid-clone leaves no process behind and no half-written entry; its pack is finished whole", async () => {
    const warm = await world.git(["ls-remote", "--", world.gatewayUrl("big")]);
    assert.equal(warm.code, 0, warm.stderr);
    const mirror = await mirrorOf(world, "big");
    const before = await counts();
    const entriesBefore = entries().map((entry) => entry.name);
    const target = join(world.home, "big-cut");
    const proxy = await startSlowProxy(world.server.url, 40);
    try {
      const client = startClone(proxy.url, "big", target);
      // Mid-pack: the client is receiving and the generation runs in its own session (`setsid` has become
      // the hook's `--generate`), or is done: it is quick, the client slow.
      const generating = () => processesMentioning(cacheDir).some(({ argv }) => argv[0] === "/bin/sh" && argv[2] === "--generate");
      const started = () => generating() || entries().length > entriesBefore.length;
      await waitFor("the client receiving the pack its request started", () => receiving(target) && started());
      process.kill(-client.pid, "SIGKILL");
      await waitFor("the mirror's git processes to be gone", () => processesMentioning(mirror).length === 0);
      await waitFor("no process of the cache's hook", () => processesMentioning(cacheDir).length === 0);
      await waitFor("the cut run's files removed from tmp/", () => leftovers().length === 0);
    } finally {
      await proxy.close();
    }
    // The generation belongs to no one client: it ran to its end, and its entry is whole.
    const added = entries().filter((entry) => !entriesBefore.includes(entry.name));
    assert.equal(added.length, 1, "one entry: the pack the cut clone started");
    assert.deepEqual(await counts(), { generated: before.generated + 1, served: before.served });
    await cloneChecked("big", "big-whole");
    assert.deepEqual(await counts(), { generated: before.generated + 1, served: before.served + 1 }, "the next clone is served it, whole");
  });

  it("ten concurrent clones of a new state run pack-objects once, and every clone is whole", async () => {
    const next = await commitUpstream(world, "rocket", "ten.txt", "ten at once\n");
    const start = await counts();
    const startedAt = new Date().toISOString();
    const fetchesBefore = world.fake.counters.gitFetches;
    const heads = await Promise.all(Array.from({ length: 10 }, (_, i) => cloneChecked("rocket", `ten-${i}`)));
    assert.deepEqual(
      heads,
      Array.from({ length: 10 }, () => next),
    );
    assert.deepEqual(await counts(), { generated: start.generated + 1, served: start.served + 9 }, "one generation, nine shared");
    assert.equal(world.fake.counters.gitFetches - fetchesBefore, 1, "one upstream fetch for the ten");
    const listed = await world.server.api("GET", "/audit?limit=200", undefined, world.server.adminToken);
    const events = listed.body.items as { action: string; at: string; outcome: string }[];
    const recent = events.filter((e) => e.at >= startedAt);
    assert.equal(recent.filter((e) => e.action === "gateway.read" && e.outcome === "success").length, 30, "every request audited");
    // Only the request that started the shared ref check opened the stored credential.
    assert.equal(recent.filter((e) => e.action === "credential.use").length, 1, "the credential opened once");
    assert.deepEqual(leftovers(), [], "nothing left in tmp/");
  });

  it("a client that disconnects while another streams the same pack does not break the other", async () => {
    const next = await commitUpstream(world, "big", "shared.txt", "shared\n");
    const start = await counts();
    const proxy = await startSlowProxy(world.server.url, 20);
    const [cut, kept] = [join(world.home, "shared-cut"), join(world.home, "shared-kept")];
    try {
      const first = startClone(proxy.url, "big", cut);
      await waitFor("the first client receiving the pack", () => receiving(cut));
      const second = startClone(proxy.url, "big", kept);
      await waitFor("the second client receiving the pack", () => receiving(kept));
      process.kill(-first.pid, "SIGKILL");
      assert.equal(await second.done, 0, "the second clone ends well");
    } finally {
      await proxy.close();
    }
    await gitIn(kept, ["fsck", "--no-progress", "--strict"]);
    assert.equal((await gitIn(kept, ["rev-parse", "HEAD"])).trim(), next);
    assert.deepEqual(await counts(), { generated: start.generated + 1, served: start.served + 1 }, "one pack for both");
    await waitFor("the cut run's files removed from tmp/", () => leftovers().length === 0);
  });

  it("keeps its entries under REPOLINK_GATEWAY_PACK_CACHE_MIB, removing the oldest", async () => {
    const cap = 8 * MiB;
    await cloneChecked("alpha", "alpha-1");
    await cloneChecked("beta", "beta-1");
    await waitFor("entries under the cap", () => entries().reduce((sum, entry) => sum + entry.size, 0) <= cap);
    assert.equal(entries().length, 1, "only the newest (beta's) is left");
    const start = await counts();
    await cloneChecked("beta", "beta-2");
    assert.deepEqual(await counts(), { generated: start.generated, served: start.served + 1 }, "beta's pack is still cached");
    await cloneChecked("alpha", "alpha-2");
    assert.deepEqual(await counts(), { generated: start.generated + 1, served: start.served + 1 }, "alpha's was evicted");
  });
});
