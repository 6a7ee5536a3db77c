import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startHealthScheduler } from "../../src/adapters/scheduler/start-health-scheduler.ts";
import { loadConfig } from "../../src/config/load-config.ts";
import { openRuntime, type Runtime } from "../../src/main.ts";
import { until as untilHolds } from "../support/until.ts";

const until = (what: string, probe: () => boolean | Promise<boolean>, deadlineMs = 60_000) =>
  untilHolds(what, probe, { deadlineMs, everyMs: 50 });

// Issue 13 item 6: schedule slots did not record their interval, so a changed interval could join
// (and skip) an old slot's cycle. 20:00 UTC starts a slot at both 300 s and 1,200 s.
describe("the health scheduler's slots carry their interval", () => {
  const dir = mkdtempSync(join(tmpdir(), "repolink-slots-"));
  let runtime: Runtime;
  before(async () => {
    runtime = await openRuntime(
      loadConfig({ REPOLINK_DATA_DIR: dir, REPOLINK_MASTER_KEY: randomBytes(32).toString("hex"), REPOLINK_LOG_LEVEL: "silent" }),
    );
  });
  after(async () => {
    await runtime?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a restart with another interval opens a cycle of its own at a time both intervals share", async () => {
    const at = new Date("2026-11-30T20:00:00.000Z");
    const deps = { ...runtime.deps, now: () => at };
    for (const intervalSeconds of [300, 1200]) {
      const scheduler = startHealthScheduler(deps, runtime.logger, { intervalSeconds, pollMs: 20, workPollMs: 20 });
      await until(`the ${intervalSeconds} s slot's cycle is opened`, async () =>
        (await runtime.deps.store.health.listCycles(10)).some((c) => c.slot.endsWith(`/${intervalSeconds}s`)),
      );
      // The scheduler's own timers do not keep a process alive (serve's listener does): this one does, meanwhile.
      const alive = setInterval(() => undefined, 1_000);
      await scheduler.stop().finally(() => clearInterval(alive));
    }
    // The opening loop sees `stopping` on its next turn.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const slots = (await runtime.deps.store.health.listCycles(10)).map((c) => c.slot).sort();
    assert.deepEqual(slots, ["2026-11-30T20:00:00.000Z/1200s", "2026-11-30T20:00:00.000Z/300s"]);
  });
});
