import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startPipelineWorld, type PipelineWorld } from "../support/pipeline-world.ts";
import { runCli } from "../support/run-cli.ts";

// Runners on one machine share the mirror cache: the first checkouts of a repository start
// together, and none may see another's mirror half made (the load test once caught
// "not a git repository" there).
describe("concurrent first checkouts through one mirror cache", () => {
  let world: PipelineWorld;
  before(async () => {
    world = await startPipelineWorld();
  });
  after(() => world.close());

  it("8 `repolink checkout` processes at once all succeed and leave one mirror", async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => runCli(["checkout", "octocat/rocket", join(world.home, `copy-${i}`)], { env: world.env })),
    );
    assert.deepEqual(
      results.map((r) => r.code),
      Array(8).fill(0),
      results.map((r) => r.stderr).join("\n"),
    );
    assert.deepEqual(await readdir(join(world.home, "cache", "mirrors", "ghe.test", "octocat")), ["rocket.git"]);
  });
});
