import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../../errors.ts";
import { AppManifestStates, manifestStateLifetimeMs } from "./app-manifest-states.ts";

const start = { userId: "u1", hostName: "github.com", credentialName: "acme-app", scope: "global" as const };
const refusal = (run: () => unknown) =>
  assert.throws(run, (e: unknown) => e instanceof AppError && e.code === "APP_MANIFEST_STATE_INVALID" && e.details?.field === "state");

describe("App manifest states", () => {
  it("gives back what a state was issued for, once", () => {
    const states = new AppManifestStates(() => new Date("2026-01-01T00:00:00Z"));
    const { state, expiresAt } = states.issue(start);
    assert.equal(expiresAt, new Date(Date.parse("2026-01-01T00:00:00Z") + manifestStateLifetimeMs).toISOString());
    assert.deepEqual(states.consume(state, "u1"), start);
    refusal(() => states.consume(state, "u1"));
  });

  it("refuses an expired state, and another user's (which stays usable for its owner)", () => {
    let now = Date.parse("2026-01-01T00:00:00Z");
    const states = new AppManifestStates(() => new Date(now));
    const late = states.issue(start).state;
    const other = states.issue(start).state;
    refusal(() => states.consume(other, "u2"));
    assert.deepEqual(states.consume(other, "u1"), start);
    now += manifestStateLifetimeMs;
    refusal(() => states.consume(late, "u1"));
    refusal(() => states.consume("made-up", "u1"));
  });
});
