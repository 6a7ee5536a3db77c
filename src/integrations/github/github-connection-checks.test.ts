import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Credential } from "../../core/credentials/credential.ts";
import type { OpenedSecret } from "../../core/credentials/open-credential-secret.ts";
import type { CoreDeps } from "../../core/deps.ts";
import { UpstreamError } from "../../core/errors.ts";
import { limitConcurrency } from "../../core/health/limit-concurrency.ts";
import type { Host } from "../../core/hosts/host.ts";
import type { GitRemote, GitTransport } from "../../core/ports/git-transport.ts";
import { finishReport } from "../../core/repositories/connection-report.ts";
import type { Repository } from "../../core/repositories/repository.ts";
import { startConnectionChecks } from "../../core/repositories/run-connection-checks.ts";
import { Secret } from "../../core/secret.ts";
import { StoredCredentialsProvider } from "../credentials/stored-credentials-provider.ts";
import { createIntegrationRegistry } from "../integration.ts";
import type { GithubClient, TokenInspection } from "./github-client.ts";
import { createGithubIntegration } from "./github-integration.ts";

const host = {
  name: "ghe.test",
  kind: "github",
  webUrl: "https://ghe.test",
  apiUrl: "https://ghe.test/api/v3",
  allowPrivateNetwork: false,
  caBundle: null,
} as Host;
const repository = {
  id: "r1",
  name: "o/r",
  hostName: "ghe.test",
  path: "o/r",
  hostRepositoryId: null,
  owner: "o",
  repo: "r",
  url: "https://ghe.test/o/r.git",
  protocol: "https",
  needs: "push",
  defaultBranch: null,
} as Repository;
const credential = { name: "c", username: null, hostName: "ghe.test" } as Credential;
// An old-style 40-hex token: it has no checksum, so no committed string passes GitHub's token checks.
const token: OpenedSecret = { kind: "token", token: new Secret("0123456789abcdef0123456789abcdef01234567") };
const sshKey: OpenedSecret = { kind: "ssh-key", privateKey: new Secret("-----BEGIN OPENSSH PRIVATE KEY-----"), passphrase: null };

function deps(
  inspection: TokenInspection,
  lsRemote: GitTransport["lsRemote"],
  seen: GitRemote[] = [],
  github: GithubClient = { inspectToken: async () => inspection } as unknown as GithubClient,
): CoreDeps {
  const integrations = createIntegrationRegistry([createGithubIntegration({ client: github })]);
  const git = { lsRemote: (remote: GitRemote) => (seen.push(remote), lsRemote(remote)) } as GitTransport;
  const credentials = new StoredCredentialsProvider(integrations);
  return { integrations, credentials, git, now: () => new Date("2024-06-01T00:00:00Z") } as unknown as CoreDeps;
}

/** One repository's check through the engine, as `repo validate` runs it. */
async function runCheckSteps(d: CoreDeps, h: Host, r: Repository, c: Credential, secret: OpenedSecret) {
  const checks = await startConnectionChecks(d, { host: h, credential: c, secret, limit: limitConcurrency(1) });
  const { results } = await checks.check([r]);
  return results[0]!;
}
const refs = async () => ({ refs: [{ name: "refs/heads/main", sha: "a".repeat(40) }], head: "refs/heads/main" });

describe("the connection-check engine with the GitHub integration", () => {
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
        id: 1,
        fullName: "o/r",
        private: true,
        archived: false,
        defaultBranch: "main",
        permissions: { admin: false, maintain: false, push: true, triage: false, pull: true },
      }),
    };
    const result = await runCheckSteps(deps(valid, refused, [], github as unknown as GithubClient), host, repository, credential, token);
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

it("a repository on another host than its credential's fails at the first step and nothing is contacted (SECURITY 28)", async () => {
  const seen: GitRemote[] = [];
  const elsewhere = { ...repository, hostName: "github.com" } as Repository;
  const result = await runCheckSteps(deps({ outcome: "revoked" }, refs, seen), host, elsewhere, credential, token);
  assert.deepEqual(
    result.steps.map((s) => [s.name, s.status, s.code]),
    [
      ["token", "failed", "CREDENTIAL_HOST_MISMATCH"],
      ["visibility", "skipped", null],
      ["permission", "skipped", null],
      ["transport", "skipped", null],
    ],
  );
  assert.equal(seen.length, 0);
});
