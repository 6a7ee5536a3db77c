import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../errors.ts";
import { PasswordWorkQueue, type PasswordLane } from "./password-work-queue.ts";

/** A unit of work the test finishes by hand, recording when it started. */
function gate(started: string[], name: string): { work: () => Promise<string>; finish: () => void } {
  let finish = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    work: async () => {
      started.push(name);
      await done;
      return name;
    },
    finish: () => finish(),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("PasswordWorkQueue", () => {
  it("keeps a slot for known sign-ins: a flood of others never holds every slot", async () => {
    const queue = new PasswordWorkQueue({ concurrency: 2, otherQueueLimit: 8 });
    const started: string[] = [];
    const gates = Object.fromEntries(["o1", "o2", "k1", "k2"].map((n) => [n, gate(started, n)]));
    const run = (lane: PasswordLane, name: string) => queue.run(lane, gates[name]!.work);
    const runs = [run("other", "o1"), run("other", "o2")];
    await tick();
    assert.deepEqual(started, ["o1"], "others use one of the two slots");
    runs.push(run("known", "k1"));
    await tick();
    assert.deepEqual(started, ["o1", "k1"], "a known sign-in starts at once, beside the flood's hash");
    runs.push(run("known", "k2"));
    gates.o1!.finish();
    await tick();
    assert.deepEqual(started, ["o1", "k1", "k2"], "a freed slot goes to the known line first");
    for (const name of ["k1", "k2", "o2"]) {
      gates[name]!.finish();
      await tick();
    }
    assert.deepEqual(await Promise.all(runs), ["o1", "o2", "k1", "k2"]);
    assert.deepEqual(started, ["o1", "k1", "k2", "o2"]);
  });

  it("refuses others past the waiting limit with LOGIN_BUSY, and never known sign-ins", async () => {
    const queue = new PasswordWorkQueue({ concurrency: 2, otherQueueLimit: 1 });
    const started: string[] = [];
    const first = gate(started, "o1");
    const running = queue.run("other", first.work);
    const waiting = queue.run("other", gate(started, "o2").work);
    await assert.rejects(queue.run("other", gate(started, "o3").work), (e: unknown) => e instanceof AppError && e.code === "LOGIN_BUSY");
    const known = gate(started, "k1");
    const knownRun = queue.run("known", known.work);
    await tick();
    assert.deepEqual(started, ["o1", "k1"]);
    known.finish();
    first.finish();
    await Promise.all([running, knownRun]);
    assert.deepEqual(started, ["o1", "k1", "o2"]);
    void waiting;
  });

  it("with one slot, others and known sign-ins share it, known first", async () => {
    const queue = new PasswordWorkQueue({ concurrency: 1, otherQueueLimit: 8 });
    const started: string[] = [];
    const o1 = gate(started, "o1");
    const runs = [queue.run("other", o1.work)];
    const o2 = gate(started, "o2");
    const k1 = gate(started, "k1");
    runs.push(queue.run("other", o2.work), queue.run("known", k1.work));
    await tick();
    o1.finish();
    await tick();
    assert.deepEqual(started, ["o1", "k1"]);
    k1.finish();
    await tick();
    o2.finish();
    await Promise.all(runs);
    assert.deepEqual(started, ["o1", "k1", "o2"]);
  });
});
