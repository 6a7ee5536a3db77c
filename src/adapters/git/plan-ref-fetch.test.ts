import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planRefFetch } from "./plan-ref-fetch.ts";

const ref = (name: string, sha: string) => ({ name, sha: sha.repeat(40).slice(0, 40) });

describe("planRefFetch", () => {
  it("fetches nothing when every ref matches", () => {
    assert.deepEqual(
      planRefFetch([ref("refs/heads/main", "a"), ref("refs/tags/v1", "b")], [ref("refs/tags/v1", "b"), ref("refs/heads/main", "a")]),
      { kind: "none" },
    );
  });

  it("fetches just the moved and the new refs", () => {
    const plan = planRefFetch(
      [ref("refs/heads/main", "c"), ref("refs/heads/topic", "d"), ref("refs/tags/v1", "b")],
      [ref("refs/heads/main", "a"), ref("refs/tags/v1", "b")],
    );
    assert.deepEqual(plan, { kind: "some", names: ["refs/heads/main", "refs/heads/topic"] });
  });

  it("fetches everything with pruning when a ref went away, or when too many changed", () => {
    assert.deepEqual(planRefFetch([ref("refs/heads/main", "a")], [ref("refs/heads/main", "a"), ref("refs/heads/gone", "e")]), {
      kind: "all",
    });
    const many = Array.from({ length: 5 }, (_, i) => ref(`refs/heads/b${i}`, "f"));
    assert.deepEqual(planRefFetch(many, [], 4), { kind: "all" });
  });
});
