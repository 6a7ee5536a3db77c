import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gitFailureError } from "./git-failure-error.ts";

describe("gitFailureError", () => {
  const cases: [string, "read" | "push", string][] = [
    ["fatal: Authentication failed for 'https://github.com/o/r.git/'", "read", "GIT_AUTH_FAILED"],
    ["fatal: could not read Username for 'https://github.com': terminal prompts disabled", "read", "GIT_AUTH_FAILED"],
    ["git@github.com: Permission denied (publickey).\nfatal: Could not read from remote repository.", "read", "GIT_AUTH_FAILED"],
    ["Host key verification failed.\nfatal: Could not read from remote repository.", "read", "GIT_HOST_KEY_MISMATCH"],
    ["@@@ WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! @@@", "read", "GIT_HOST_KEY_MISMATCH"],
    ["remote: Repository not found.\nfatal: repository 'https://github.com/o/r.git/' not found", "read", "GIT_REPO_NOT_FOUND"],
    ["fatal: unable to access 'https://h/': Could not resolve host: h", "read", "GIT_UNREACHABLE"],
    ["fatal: unable to access 'http://h/': Failed to connect to h port 1: Connection refused", "read", "GIT_UNREACHABLE"],
    [
      "remote: Permission to o/r.git denied to octocat.\n" +
        "fatal: unable to access 'https://h/o/r.git/': The requested URL returned error: 403",
      "push",
      "GIT_PUSH_DENIED",
    ],
    ["fatal: unable to access 'https://h/o/r.git/': The requested URL returned error: 403", "read", "GIT_AUTH_FAILED"],
    [" ! [rejected]        main -> main (fetch first)", "push", "GIT_PUSH_REJECTED"],
    ["fatal: something odd", "read", "GIT_FAILED"],
  ];
  for (const [stderr, kind, code] of cases) {
    it(`maps "${stderr.split("\n")[0]?.slice(0, 60)}" (${kind}) to ${code}`, () => {
      const error = gitFailureError(stderr, 128, kind);
      assert.equal(error.code, code);
      assert.equal(error.kind, "upstream");
      assert.match(error.message, /git said: /);
    });
  }
});
