import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scheduleSlot } from "./schedule-slot.ts";

describe("scheduleSlot", () => {
  it("names the slot's start and its interval, so instances agree and a changed interval never joins an old slot", () => {
    const now = new Date("2026-11-30T20:20:00.000Z");
    assert.deepEqual(scheduleSlot(now, 900), { key: "2026-11-30T20:15:00.000Z/900s", ordinal: Math.floor(now.getTime() / 900_000) });
    assert.equal(scheduleSlot(new Date("2026-11-30T20:29:59.999Z"), 900).key, "2026-11-30T20:15:00.000Z/900s");
    // 20:00 starts a slot at both 300 s and 1,200 s: the keys still differ (issue 13: an old slot was joined).
    const at = new Date("2026-11-30T20:00:00.000Z");
    assert.notEqual(scheduleSlot(at, 300).key, scheduleSlot(at, 1200).key);
  });
});
