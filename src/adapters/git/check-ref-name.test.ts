import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../../core/errors.ts";
import { checkRefName, parsePushRefspec } from "./check-ref-name.ts";

const invalid = (e: unknown) => e instanceof AppError && e.code === "GIT_REF_INVALID";

describe("checkRefName and parsePushRefspec (SECURITY 18)", () => {
  it("accepts branch, tag and full ref names and commit ids", () => {
    for (const ref of ["main", "feature/x-1", "refs/heads/main", "v1.2.3", "0123abcd"]) assert.equal(checkRefName(ref), ref);
  });

  it("rejects refs that start with '-' or break git's ref rules", () => {
    for (const ref of [
      "-b",
      "--upload-pack=x",
      "a..b",
      "a b",
      "a\nb",
      "a~1",
      "a^",
      "a:b",
      "a*",
      "a[",
      "a\\b",
      "x.lock",
      "x/",
      "/x",
      ".x",
      "a//b",
      "@",
      "a@{1}",
      "",
    ]) {
      assert.throws(() => checkRefName(ref), invalid, JSON.stringify(ref));
    }
  });

  it("parses refspecs into a full destination", () => {
    assert.deepEqual(parsePushRefspec("HEAD:topic"), { force: false, source: "HEAD", destination: "refs/heads/topic" });
    assert.deepEqual(parsePushRefspec("+main"), { force: true, source: "main", destination: "refs/heads/main" });
    assert.deepEqual(parsePushRefspec("v1:refs/tags/v1"), { force: false, source: "v1", destination: "refs/tags/v1" });
    for (const spec of ["HEAD", "HEAD:-x", "-x:main", "a:b:c", "HEAD:refs/remotes/origin/x"])
      assert.throws(() => parsePushRefspec(spec), invalid, spec);
  });
});
