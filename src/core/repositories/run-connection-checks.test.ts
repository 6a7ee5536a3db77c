import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Credential } from "../credentials/credential.ts";
import type { OpenedSecret } from "../credentials/open-credential-secret.ts";
import type { CoreDeps } from "../deps.ts";
import { InputError } from "../errors.ts";
import { limitConcurrency } from "../health/limit-concurrency.ts";
import type { Host } from "../hosts/host.ts";
import type { CredentialsProvider } from "../ports/credentials-provider.ts";
import type { GitRemote, GitTransport } from "../ports/git-transport.ts";
import type { CheckSession, ConnectionChecks, Integration, IntegrationRegistry } from "../ports/integration.ts";
import { Secret } from "../secret.ts";
import type { Repository } from "./repository.ts";
import { startConnectionChecks } from "./run-connection-checks.ts";

const host = { name: "git.test", kind: "github", webUrl: "https://git.test", allowPrivateNetwork: false, caBundle: null } as Host;
const credential = { name: "c", hostName: "git.test", username: "bot" } as Credential;
const secret: OpenedSecret = { kind: "token", token: new Secret("a password of no known format") };
const repo = (id: string, extra: Partial<Repository> = {}) =>
  ({
    id,
    name: id,
    hostName: "git.test",
    url: `https://git.test/${id}.git`,
    protocol: "https",
    needs: "push",
    defaultBranch: null,
    ...extra,
  }) as Repository;

/**
 * A host kind with steps `credential` and `transport`, whose `credential` step fails for repositories named `bad*`,
 * and which stops at `stop*`.
 */
function fakeKind(sessions: CheckSession[]): ConnectionChecks {
  return {
    steps: ["credential", "transport"],
    async run(session, repositories) {
      sessions.push(session);
      const results = [];
      for (const repository of repositories) {
        if (repository.id.startsWith("stop")) return { results, exhausted: true };
        if (repository.id.startsWith("bad")) {
          const failed = { name: "credential", status: "failed" as const, code: "REFUSED", message: "no", remedy: "fix it" };
          results.push({ repository, steps: [failed], defaultBranch: null });
          continue;
        }
        const transport = await session.transport(repository);
        const accepted = { name: "credential", status: "passed" as const, code: null, message: "ok", remedy: null };
        results.push({ repository, steps: [accepted, transport.step], defaultBranch: transport.head });
      }
      return { results, exhausted: false };
    },
  };
}

function world() {
  const sessions: CheckSession[] = [];
  const remotes: GitRemote[] = [];
  const integration = { kind: "github", label: "Fake", checks: fakeKind(sessions) } as Integration;
  const integrations = { get: () => integration, all: () => [integration], looksLikeToken: () => false } as IntegrationRegistry;
  const credentials: CredentialsProvider = {
    async gitAuthFor(use) {
      if (use.protocol === "ssh") throw new InputError("CREDENTIAL_KIND_MISMATCH", "needs an SSH key", "credential");
      return { kind: "token", username: "bot", token: new Secret("a password of no known format") };
    },
    apiAuthFor: async () => null,
  };
  const git = {
    lsRemote: async (remote: GitRemote) => (
      remotes.push(remote),
      { refs: [{ name: "refs/heads/main", sha: "a".repeat(40) }], head: "refs/heads/main" }
    ),
  } as GitTransport;
  const deps = { integrations, credentials, git, now: () => new Date("2026-01-01T00:00:00Z") } as unknown as CoreDeps;
  return { deps, sessions, remotes };
}

describe("startConnectionChecks (the one engine) with a fake host kind", () => {
  it("runs the kind's steps, skips the rest after a failure, and keeps one session across batches", async () => {
    const { deps, sessions, remotes } = world();
    const checks = await startConnectionChecks(deps, { host, credential, secret, limit: limitConcurrency(2) });
    const first = await checks.check([repo("good"), repo("bad")]);
    const second = await checks.check([repo("later")]);
    assert.deepEqual(
      first.results.map((r) => r.steps.map((s) => `${s.name}:${s.status}`)),
      [
        ["credential:passed", "transport:passed"],
        ["credential:failed", "transport:skipped"],
      ],
    );
    assert.equal(first.results[1]?.steps[1]?.message, "Not run: an earlier step failed.");
    assert.equal(first.results[0]?.defaultBranch, "main");
    assert.equal(second.results.length, 1);
    assert.equal(sessions.length, 2);
    assert.equal(sessions[0], sessions[1], "every batch of a run shares the session");
    assert.deepEqual(
      remotes.map((r) => r.url),
      ["https://git.test/good.git", "https://git.test/later.git"],
    );
  });

  it("refuses a repository of another host or the wrong protocol at the first step, sending nothing for it", async () => {
    const { deps, sessions, remotes } = world();
    const checks = await startConnectionChecks(deps, { host, credential, secret, limit: limitConcurrency(2) });
    const { results } = await checks.check([repo("elsewhere", { hostName: "other.test" }), repo("ssh", { protocol: "ssh" }), repo("good")]);
    assert.deepEqual(
      results.map((r) => [r.repository.id, r.steps[0]?.code, r.steps[1]?.status]),
      [
        ["elsewhere", "CREDENTIAL_HOST_MISMATCH", "skipped"],
        ["ssh", "CREDENTIAL_KIND_MISMATCH", "skipped"],
        ["good", null, "passed"],
      ],
    );
    assert.match(results[0]?.steps[0]?.message ?? "", /bound to git\.test, not other\.test/);
    assert.deepEqual(
      remotes.map((r) => r.url),
      ["https://git.test/good.git"],
    );
    assert.equal(sessions.length, 1);
  });

  it("returns the prefix the kind checked when its budget ran out, refusals before it included", async () => {
    const { deps } = world();
    const checks = await startConnectionChecks(deps, { host, credential, secret, limit: limitConcurrency(2) });
    const { results, exhausted } = await checks.check([repo("good"), repo("elsewhere", { hostName: "x" }), repo("stop"), repo("after")]);
    assert.deepEqual(
      results.map((r) => r.repository.id),
      ["good", "elsewhere"],
    );
    assert.equal(exhausted, true);
  });

  it("probes only the repositories due this cycle", async () => {
    const { deps, remotes } = world();
    const run = { host, credential, secret, limit: limitConcurrency(2), transportDue: (r: Repository) => r.id !== "rested" };
    const { results } = await (await startConnectionChecks(deps, run)).check([repo("rested"), repo("due")]);
    assert.deepEqual(
      results.map((r) => r.steps[1]?.status),
      ["skipped", "passed"],
    );
    assert.equal(remotes.length, 1);
  });
});
