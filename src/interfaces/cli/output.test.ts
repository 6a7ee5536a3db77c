import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatTable } from "./output.ts";

describe("formatTable", () => {
  const rows = [
    ["acme/web", "connected", "All checks passed."],
    [`acme/${"very-long-name-".repeat(8)}`, "failing", "The token was revoked on GitHub; create a new one and rotate."],
  ];

  it("keeps every cell whole without a fit (piped output)", () => {
    const lines = formatTable(["NAME", "STATUS", "REASON"], rows).split("\n");
    assert.ok(lines[2]?.includes("very-long-name-".repeat(8)));
  });

  it("fits the terminal: the named columns give way, cut with …, and the other columns stay whole", () => {
    const lines = formatTable(["NAME", "STATUS", "REASON"], rows, { width: 60, shrink: [0, 2] }).split("\n");
    for (const line of lines) assert.ok(line.length <= 60, `${line.length}: ${line}`);
    assert.ok(lines[2]?.includes("…"));
    assert.ok(lines[2]?.includes("failing"));
    assert.match(lines[1] ?? "", /^acme\/web +connected +All checks passed\.$/);
  });

  it("never narrows a column below 12 characters, even on a very narrow terminal", () => {
    const lines = formatTable(["NAME", "STATUS", "REASON"], rows, { width: 20, shrink: [0, 2] }).split("\n");
    assert.equal(lines[2]?.indexOf("failing"), 14);
  });
});
