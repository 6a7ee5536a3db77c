import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dailyStatuses, dailyStatusesById, historyStart } from "./daily-statuses.ts";

const now = new Date("2026-03-31T15:00:00Z");
const point = (at: string, status: "connected" | "degraded" | "failing") => ({ repositoryId: "r", at, status });

describe("dailyStatuses", () => {
  it("covers 30 UTC days ending today, oldest first", () => {
    const days = dailyStatuses([], now);
    assert.equal(days.length, 30);
    assert.equal(days[0]!.date, "2026-03-02");
    assert.equal(days.at(-1)!.date, "2026-03-31");
    assert.equal(historyStart(now).toISOString(), "2026-03-02T00:00:00.000Z");
  });

  it("is unknown before the first check, then holds each status until the next; a day shows its worst status", () => {
    const days = dailyStatuses(
      [point("2026-03-29T10:00:00Z", "failing"), point("2026-03-20T08:00:00Z", "connected"), point("2026-03-29T11:00:00Z", "connected")],
      now,
    );
    const byDate = new Map(days.map((d) => [d.date, d.status]));
    assert.equal(byDate.get("2026-03-19"), null);
    assert.equal(byDate.get("2026-03-20"), "connected");
    assert.equal(byDate.get("2026-03-28"), "connected");
    assert.equal(byDate.get("2026-03-29"), "failing");
    assert.equal(byDate.get("2026-03-30"), "connected");
    assert.equal(byDate.get("2026-03-31"), "connected");
  });

  it("starts the window with the status of the last check before it", () => {
    const days = dailyStatuses([point("2026-01-01T00:00:00Z", "degraded")], now);
    assert.ok(days.every((d) => d.status === "degraded"));
  });

  it("splits one query's points by repository; a repository without points has only unknown days", () => {
    const byId = dailyStatusesById(["a", "b"], [{ repositoryId: "a", at: "2026-03-31T01:00:00Z", status: "failing" }], now);
    assert.equal(byId.get("a")!.at(-1)!.status, "failing");
    assert.ok(byId.get("b")!.every((d) => d.status === null));
  });
});
