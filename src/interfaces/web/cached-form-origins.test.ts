import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CachedFormOrigins } from "./cached-form-origins.ts";

describe("CachedFormOrigins", () => {
  const counting = (answers: (string[] | Error)[]) => {
    let reads = 0;
    const load = async () => {
      const answer = answers[Math.min(reads++, answers.length - 1)]!;
      if (answer instanceof Error) throw answer;
      return answer;
    };
    return { load, reads: () => reads };
  };

  it("reads once while fresh, again after clear() and after maxAgeMs", async () => {
    let now = 1_000;
    const store = counting([["https://a.test"], ["https://b.test"], ["https://c.test"]]);
    const origins = new CachedFormOrigins(store.load, { maxAgeMs: 5_000, now: () => now });
    assert.deepEqual(await Promise.all([origins.get(), origins.get()]), [["https://a.test"], ["https://a.test"]]);
    now += 4_999;
    assert.deepEqual(await origins.get(), ["https://a.test"]);
    assert.equal(store.reads(), 1);
    origins.clear();
    assert.deepEqual(await origins.get(), ["https://b.test"], "a host changed here: read at once");
    now += 5_000;
    assert.deepEqual(await origins.get(), ["https://c.test"], "changed by another instance: read when the copy expires");
    assert.equal(store.reads(), 3);
  });

  it("keeps no failed read: the next page load asks the store again", async () => {
    const store = counting([new Error("database down"), ["https://a.test"]]);
    const origins = new CachedFormOrigins(store.load);
    await assert.rejects(origins.get(), /database down/);
    assert.deepEqual(await origins.get(), ["https://a.test"]);
  });
});
