import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { PackObjectsCache } from "../../src/adapters/git/gateway/pack-objects-cache.ts";
import { waitFor } from "./gateway-world.ts";

// A request's hook hands a generation off in three steps (input moved, partial opened, partial locked by
// a generator in a session of its own); killed between them, it leaves files that no generation owns.
describe("the pack cache after a request killed while handing off its generation", { skip: process.platform !== "linux" }, () => {
  const dir = mkdtempSync(join(tmpdir(), "repolink-pack-sweep-"));
  const cache = new PackObjectsCache(dir, 64 * 1024 * 1024, 60_000);
  const tmp = join(dir, "tmp");
  const leftovers = (): string[] => readdirSync(tmp).sort();
  const keyOf = (text: string): string => createHash("sha256").update(text).digest("hex");
  after(() => rmSync(dir, { recursive: true, force: true }));

  const lockedByOther = async (file: string): Promise<boolean> => {
    const probe = spawn("flock", ["-n", "-s", file, "true"], { stdio: "ignore" });
    return (await new Promise<number | null>((resolve) => probe.on("close", resolve))) !== 0;
  };

  /** Holds an exclusive lock on `file` as a running generation does, until the returned stop is called. */
  async function generatorHolding(file: string): Promise<() => Promise<void>> {
    const holder = spawn("flock", ["-x", file, "sleep", "60"], { stdio: "ignore", detached: true });
    await waitFor("the generator's lock", () => lockedByOther(file));
    return async () => {
      process.kill(-holder.pid!, "SIGKILL");
      await waitFor("the generator's lock released", async () => !(await lockedByOther(file)));
    };
  }

  it("removes a handed-off input and an unlocked partial once a failed run settles, and keeps a live generation's", async () => {
    const [movedOnly, unlocked, live] = ["moved", "unlocked", "live"].map(keyOf);
    writeFileSync(join(tmp, `gen-${movedOnly}.pack.in`), "want\n");
    writeFileSync(join(tmp, `gen-${unlocked}.pack.in`), "want\n");
    writeFileSync(join(tmp, `gen-${unlocked}.pack`), "PACK");
    writeFileSync(join(tmp, `gen-${live}.pack.in`), "want\n");
    writeFileSync(join(tmp, `gen-${live}.pack`), "PACK");
    const stopGenerator = await generatorHolding(join(tmp, `gen-${live}.pack`));
    try {
      await cache.startRun().settle(false);
      assert.equal(leftovers().length, 5, "a run that ended well sweeps nothing");
      await cache.startRun().settle(true);
      assert.deepEqual(leftovers(), [`gen-${live}.pack`, `gen-${live}.pack.in`], "the live generation's files are kept");
    } finally {
      await stopGenerator();
    }
    await cache.startRun().settle(true);
    assert.deepEqual(leftovers(), [], "its generator gone, they go too");
  });
});
