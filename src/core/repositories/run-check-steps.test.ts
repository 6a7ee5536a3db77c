import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Credential } from "../credentials/credential.ts";
import type { OpenedSecret } from "../credentials/open-credential-secret.ts";
import type { CoreDeps } from "../deps.ts";
import { UpstreamError } from "../errors.ts";
import type { Host } from "../hosts/host.ts";
import type { GithubClient, TokenInspection } from "../../integrations/github/github-client.ts";
import type { GitRemote, GitTransport } from "../ports/git-transport.ts";
import { Secret } from "../secret.ts";
import { finishReport } from "./connection-report.ts";
import type { Repository } from "./repository.ts";
import { runCheckSteps } from "./run-check-steps.ts";

const host = {
  name: "ghe.test",
  webUrl: "https://ghe.test",
  apiUrl: "https://ghe.test/api/v3",
  allowPrivateNetwork: false,
  caBundle: null,
} as Host;
const repository = {
  name: "o/r",
  owner: "o",
  repo: "r",
  url: "https://ghe.test/o/r.git",
  protocol: "https",
  needs: "push",
  defaultBranch: null,
} as Repository;
const credential = { name: "c", username: null } as Credential;
// An old-style 40-hex token: it has no checksum, so no committed string passes GitHub's token checks.
const token: OpenedSecret = { kind: "token", token: new Secret("0123456789abcdef0123456789abcdef01234567") };
const sshKey: OpenedSecret = { kind: "ssh-key", privateKey: new Secret("-----BEGIN OPENSSH PRIVATE KEY-----"), passphrase: null };

function deps(inspection: TokenInspection, lsRemote: GitTransport["lsRemote"], seen: GitRemote[] = []): CoreDeps {
  const github = { inspectToken: async () => inspection } as unknown as GithubClient;
  const git = { lsRemote: (remote: GitRemote) => (seen.push(remote), lsRemote(remote)) } as GitTransport;
  return { github, git, now: () => new Date("2024-06-01T00:00:00Z") } as CoreDeps;
}
const refs = async () => ({ refs: [{ name: "refs/heads/main", sha: "a".repeat(40) }], head: "refs/heads/main" });

describe("runCheckSteps", () => {
  it("an SSH key skips the API steps and relies on the transport, with the key as auth", async () => {
    const seen: GitRemote[] = [];
    const ssh = { ...repository, url: "ssh://git@ghe.test/o/r.git", protocol: "ssh" } as Repository;
    const result = await runCheckSteps(deps({ outcome: "revoked" }, refs, seen), host, ssh, credential, sshKey);
    assert.deepEqual(
      result.steps.map((s) => s.status),
      ["skipped", "skipped", "skipped", "passed"],
    );
    assert.equal(result.defaultBranch, "main");
    assert.equal(seen[0]?.auth.kind, "ssh-key");
    assert.equal(finishReport(result.steps, "now", "ok").status, "connected");
  });

  it("sends a token over HTTPS as x-access-token when the credential has no username", async () => {
    const seen: GitRemote[] = [];
    const unreachable: TokenInspection = { outcome: "unreachable", reason: "timeout" };
    const result = await runCheckSteps(deps(unreachable, refs, seen), host, repository, credential, token);
    assert.deepEqual(
      result.steps.map((s) => s.status),
      ["warning", "skipped", "skipped", "passed"],
    );
    assert.equal(seen[0]?.auth.kind === "token" && seen[0].auth.username, "x-access-token");
    assert.equal(finishReport(result.steps, "now", "ok").status, "degraded", "works, but GitHub's API could not confirm it");
  });

  it("a credential git refuses makes the transport step fail", async () => {
    const refused = async () => Promise.reject(new UpstreamError("GIT_AUTH_FAILED", "The host refused the credential."));
    const valid: TokenInspection = { outcome: "valid", login: "o", userId: 1, scopes: ["repo"], expiresAt: null, rateLimit: null };
    const github = {
      inspectToken: async () => valid,
      getRepository: async () => ({
        fullName: "o/r",
        private: true,
        archived: false,
        defaultBranch: "main",
        permissions: { admin: false, maintain: false, push: true, triage: false, pull: true },
      }),
    };
    const result = await runCheckSteps(
      { ...deps(valid, refused), github: github as unknown as GithubClient },
      host,
      repository,
      credential,
      token,
    );
    const report = finishReport(result.steps, "now", "ok");
    assert.deepEqual([report.status, report.reasonCode], ["failing", "GIT_AUTH_FAILED"]);
  });

  it("a token for an SSH URL fails without contacting anything", async () => {
    const seen: GitRemote[] = [];
    const ssh = { ...repository, protocol: "ssh" } as Repository;
    const result = await runCheckSteps(deps({ outcome: "revoked" }, refs, seen), host, ssh, credential, token);
    assert.equal(result.steps[0]?.code, "CREDENTIAL_KIND_MISMATCH");
    assert.equal(seen.length, 0);
  });
});
