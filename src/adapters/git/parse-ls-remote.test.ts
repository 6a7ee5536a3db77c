import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseLsRemote } from "./parse-ls-remote.ts";

describe("parseLsRemote", () => {
  it("reads the symbolic HEAD and the refs, leaving out HEAD and peeled tags", () => {
    const a = "a".repeat(40);
    const b = "b".repeat(40);
    const out = `ref: refs/heads/main\tHEAD\n${a}\tHEAD\n${a}\trefs/heads/main\n${b}\trefs/tags/v1\n${a}\trefs/tags/v1^{}\ngarbage\n`;
    assert.deepEqual(parseLsRemote(out), {
      head: "refs/heads/main",
      refs: [
        { name: "refs/heads/main", sha: a },
        { name: "refs/tags/v1", sha: b },
      ],
    });
    assert.deepEqual(parseLsRemote(""), { head: null, refs: [] });
  });
});
