import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { canaryForms } from "../support/canary.ts";
import { startGitFixture, type GitFixture } from "./git-test-fixture.ts";
import { startSlowProxy } from "./slow-proxy.ts";

async function sampleCmdlines(): Promise<string[]> {
  const pids = (await readdir("/proc")).filter((name) => /^\d+$/.test(name));
  const lines = await Promise.all(
    pids.map((pid) =>
      readFile(`/proc/${pid}/cmdline`).then(
        (b) => b.toString("latin1").replace(/\0/g, " "),
        () => "",
      ),
    ),
  );
  return lines.filter(Boolean);
}

describe("no token in any process's argv during a slow clone (SECURITY 10)", () => {
  let fx: GitFixture;
  let proxy: Awaited<ReturnType<typeof startSlowProxy>>;
  before(async () => {
    fx = await startGitFixture();
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`blob-${i}.bin`] = randomBytes(48 * 1024).toString("base64");
    await fx.fake.addRepo({ owner: "octocat", name: "big", private: true, files });
    proxy = await startSlowProxy(fx.fake.url, 15);
  });
  after(async () => {
    await proxy.close();
    await fx.close();
  });

  it("samples /proc/*/cmdline every 20 ms while git clones through a slow proxy", { skip: process.platform !== "linux" }, async () => {
    const token = fx.tokens.write;
    const forbidden = [...canaryForms(token), Buffer.from(`x-access-token:${token}`).toString("base64")];
    const seen = new Set<string>();
    const leaks: string[] = [];
    let networkSamples = 0;
    let running = true;
    const sampler = (async () => {
      while (running) {
        const lines = await sampleCmdlines();
        for (const line of lines) {
          if (/\bgit\b|remote-http|upload-pack|index-pack/.test(line)) seen.add(line.split(" ").slice(0, 3).join(" "));
          if (forbidden.some((form) => line.includes(form))) leaks.push(line);
        }
        if (lines.some((line) => /remote-http/.test(line))) networkSamples += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    try {
      await fx.transport.checkout(fx.remote(token, `${proxy.url}/octocat/big.git`), join(fx.dir, "big.git"), join(fx.dir, "big"));
    } finally {
      running = false;
      await sampler;
    }
    // What matters is not how long the clone took but that the sampler saw git's network process
    // (the one that holds the credential) more than once while it ran.
    assert.ok(networkSamples >= 2, `git's network process was sampled ${networkSamples} times: ${[...seen].join("; ")}`);
    assert.deepEqual(leaks, []);
  });
});
