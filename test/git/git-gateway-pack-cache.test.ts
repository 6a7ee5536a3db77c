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

  it("a client that disconnects mid-clone leaves no process and no half-written entry", async () => {
    const warm = await world.git(["ls-remote", "--", world.gatewayUrl("big")]);
    assert.equal(warm.code, 0, warm.stderr);
    const mirror = await mirrorOf(world, "big");
    const before = await counts();
    const entriesBefore = entries().map((entry) => entry.name);
    const target = join(world.home, "big-cut");
    const proxy = await startSlowProxy(world.server.url, 40);
    try {
      const client = spawn("git", ["clone", "--quiet", "--", `${proxy.url}/git/ghe.test/octocat/big.git`, target], {
        cwd: world.home,
        env: { ...world.env, REPOLINK_TOKEN: "", ...bearerConfig(world.pipelineToken) },
        detached: true,
        stdio: "ignore",
      });
      // Mid-pack: the client is receiving the pack and the hook is still writing its partial copy.
      await waitFor("a partial pack in the cache's tmp/", () => {
        try {
          const receiving = readdirSync(join(target, ".git", "objects", "pack")).some((f) => f.startsWith("tmp_pack_"));
          return receiving && leftovers().some((f) => f.endsWith(".pack"));
        } catch {
          return false;
        }
      });
      process.kill(-client.pid!, "SIGKILL");
      await waitFor("the mirror's git processes to be gone", () => processesMentioning(mirror).length === 0);
      await waitFor("no process of the cache's hook", () => processesMentioning(cacheDir).length === 0);
      await waitFor("the cut run's files removed from tmp/", () => leftovers().length === 0);
    } finally {
      await proxy.close();
    }
    assert.deepEqual(
      entries().map((entry) => entry.name),
      entriesBefore,
      "no entry for the cut pack",
    );
    assert.equal((await counts()).generated, before.generated, "no generation counted");
    await cloneChecked("big", "big-whole");
    assert.equal((await counts()).generated, before.generated + 1, "the next clone generates it whole");
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
