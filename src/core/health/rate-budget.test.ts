import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Repository } from "../repositories/repository.ts";
import { RateBudget } from "./rate-budget.ts";
import { remainingRepositories } from "./rotate-repositories.ts";

const now = new Date("2024-06-01T00:00:00Z");
const later = "2024-06-01T01:00:00Z";

describe("RateBudget", () => {
  it("allows the share of a known remaining budget, reserved before each request", () => {
    const budget = new RateBudget(
      0.1,
      {
        credentialId: "c",
        restRemaining: 50,
        graphqlRemaining: 30,
        resetAt: later,
        resumeAfter: null,
        resumeCycleId: null,
        upstreamFailures: 0,
        retryAt: null,
        updatedAt: "",
      },
      now,
    );
    assert.equal([1, 2, 3, 4].filter(() => budget.reserve("graphql", 1)).length, 3);
    assert.equal(budget.spent, 3);
  });

  it("keeps a pool's limit apart (a GitHub App's installation), and counts its spending as the batch's", () => {
    const charged: number[] = [];
    const budget = new RateBudget(0.5, undefined, now, { onCharged: (units) => charged.push(units) });
    const acme = budget.pool("installation:1", { graphql: { limit: 5000, remaining: 4, resetAt: later } }, now);
    const beta = budget.pool("installation:2");
    assert.equal(budget.pool("installation:1"), acme, "one pool per key");
    assert.equal([1, 2, 3].filter(() => acme.reserve("graphql", 1)).length, 2, "half of the 4 the installation has left");
    assert.equal(beta.reserve("graphql", 1), true, "the other installation's own, unknown limit allows one request");
    acme.settle("graphql", 1, 1, null);
    beta.settle("graphql", 1, 1, { limit: 5000, remaining: 10, resetAt: later });
    assert.deepEqual(charged, [1, 1]);
    assert.equal(budget.spent, 3, "the two reserved on acme and the one beta spent");
    assert.equal(budget.lastSeen("graphql"), null, "the credential itself reported nothing");
    assert.equal(beta.lastSeen("graphql")?.remaining, 10);
    const stale = budget.pool("installation:3", { graphql: { limit: 5000, remaining: 0, resetAt: "2024-05-31T23:00:00Z" } }, now);
    assert.equal(stale.reserve("graphql", 1), true, "a figure from before the window reset is forgotten");
  });

  it("with an unknown budget allows one request, then takes the share of what GitHub reported", () => {
    const budget = new RateBudget(0.1, undefined, now);
    assert.equal(budget.reserve("graphql", 1), true);
    assert.equal(budget.reserve("graphql", 1), false, "the first answer is still out");
    budget.settle("graphql", 1, 1, { limit: 5000, remaining: 199, resetAt: later });
    assert.equal([...Array(30)].filter(() => budget.reserve("graphql", 1)).length, 19);
  });

  it("forgets a stored figure once GitHub's window has reset, and refunds a free 304", () => {
    const budget = new RateBudget(
      0.1,
      {
        credentialId: "c",
        restRemaining: 0,
        graphqlRemaining: 0,
        resetAt: "2024-05-31T00:00:00Z",
        resumeAfter: null,
        resumeCycleId: null,
        upstreamFailures: 0,
        retryAt: null,
        updatedAt: "",
      },
      now,
    );
    assert.equal(budget.reserve("rest", 1), true);
    budget.settle("rest", 1, 0, null);
    assert.equal(budget.spent, 0);
  });
});

describe("remainingRepositories", () => {
  const repos = ["a", "b", "c", "d", "e"].map((id) => ({ id }) as Repository);
  const ids = (list: Repository[]) => list.map((r) => r.id).join("");
  it("starts after the resume point and wraps around to it", () => {
    assert.equal(ids(remainingRepositories(repos, "b", null)), "cdeab");
    assert.equal(ids(remainingRepositories(repos, "b", "e")), "ab");
    assert.equal(ids(remainingRepositories(repos, null, "c")), "de");
  });
  it("keeps its place when the cursor's repository was deleted", () => {
    assert.equal(
      ids(
        remainingRepositories(
          repos.filter((r) => r.id !== "d"),
          "b",
          "d",
        ),
      ),
      "eab",
    );
  });
});
