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
