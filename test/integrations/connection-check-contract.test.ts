import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Credential } from "../../src/core/credentials/credential.ts";
import type { OpenedSecret } from "../../src/core/credentials/open-credential-secret.ts";
import { limitConcurrency } from "../../src/core/health/limit-concurrency.ts";
import type { Host } from "../../src/core/hosts/host.ts";
import { finishReport, type ConnectionReport } from "../../src/core/repositories/connection-report.ts";
import { type Repository, unlearntHostFacts } from "../../src/core/repositories/repository.ts";
import { startConnectionChecks, type ConnectionCheckRun } from "../../src/core/repositories/run-connection-checks.ts";
import { Secret } from "../../src/core/secret.ts";
import { skipSsh, sshdUnavailable } from "../git/start-test-sshd.ts";
import { startGithubFake } from "../github-fake/index.ts";
import { startGitHttpServer } from "../support/start-git-http-server.ts";
import { startGitSshd } from "../support/start-git-sshd.ts";
import { GitCliTransport } from "../../src/adapters/git/git-cli-transport.ts";
import { guardedFetchForHost } from "../../src/adapters/net/guarded-fetch-for-host.ts";
import type { CoreDeps } from "../../src/core/deps.ts";
import type { CheckedRepository } from "../../src/core/ports/integration.ts";
import { StoredCredentialsProvider } from "../../src/integrations/credentials/stored-credentials-provider.ts";
import { createBuiltInIntegrations } from "../../src/integrations/registry.ts";

type ContractDeps = Pick<CoreDeps, "integrations" | "credentials" | "git" | "now">;

/** The runtime's own parts: every built-in integration, the stored-credentials provider and git itself. */
function contractDeps(workDir: string): ContractDeps {
  const integrations = createBuiltInIntegrations({ fetchFor: guardedFetchForHost() });
  return {
    integrations,
    credentials: new StoredCredentialsProvider(integrations),
    git: new GitCliTransport({ workDir, defaultTimeoutMs: 20_000 }),
    now: () => new Date(),
  };
}

/** The one engine, as `repo validate` and health cycles run it. */
async function runChecks(deps: ContractDeps, run: ConnectionCheckRun, repositories: Repository[]): Promise<CheckedRepository[]> {
  const { results, exhausted } = await (await startConnectionChecks(deps, run)).check(repositories);
  assert.equal(exhausted, false);
  return results;
}

type Role = "writer" | "reader" | "refused";

/** One host kind served by a real (or, for GitHub, faked) server, with a credential for each role. */
interface ContractTarget {
  host: Host;
  /** A repository record as `repo add` would store it, at `path` on the host. */
  repository(path: string, needs: "push" | "pull"): Repository;
  existing: string;
  missing: string;
  credential(role: Role): { credential: Credential; secret: OpenedSecret };
  /** False where the host cannot tell whether a credential may push before a push starts (SSH on a generic Git host). */
  knowsPushPermission: boolean;
  /** Requests the server has answered so far (to prove nothing was sent). */
  requests(): number;
  close(): Promise<void>;
}

let ids = 0;
function aCredential(host: Host, kind: Credential["kind"], username: string | null, name: string): Credential {
  return {
    id: `cred-${++ids}`,
    name,
    kind,
    scope: "global",
    ownerId: null,
    hostName: host.name,
    username,
    preview: "…",
    fingerprint: "f",
    secretBox: "",
    secretVersion: 1,
    kekId: "k",
    status: "unchecked",
    validation: null,
    lastValidatedAt: null,
    expiresAt: null,
    createdBy: "test",
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
  };
}

function aRepository(host: Host, url: string, path: string, needs: "push" | "pull"): Repository {
  const slash = path.lastIndexOf("/");
  return {
    id: `repo-${++ids}`,
    name: path,
    hostName: host.name,
    path,
    owner: path.slice(0, slash),
    repo: path.slice(slash + 1),
    url,
    protocol: url.startsWith("ssh:") ? "ssh" : "https",
    credentialId: null,
    defaultBranch: null,
    ...unlearntHostFacts,
    needs,
    status: "unchecked",
    reasonCode: null,
    message: null,
    remedy: null,
    lastCheckedAt: null,
    createdBy: "test",
    createdAt: "2026-01-01T00:00:00.000Z",
  };
}

const token = (value: string): OpenedSecret => ({ kind: "token", token: new Secret(value) });
const hostFields = {
  caBundle: null,
  sshKnownHosts: null,
  allowPrivateNetwork: true,
  builtIn: false,
  createdAt: "2026-01-01T00:00:00.000Z",
};

async function githubTarget(): Promise<ContractTarget> {
  const fake = await startGithubFake();
  fake.addUser({ login: "octocat" });
  await fake.addRepo({ owner: "octocat", name: "web", private: true, branches: ["dev"] });
  const host: Host = {
    id: "h-gh",
    name: "ghe.test",
    kind: "github",
    webUrl: fake.url,
    apiUrl: fake.apiUrl,
    graphqlUrl: fake.graphqlUrl,
    ...hostFields,
  };
  const tokens = {
    writer: fake.addToken({ login: "octocat" }),
    reader: fake.addToken({ login: "octocat", readOnly: true }),
    refused: fake.addToken({ login: "octocat", revoked: true }),
  };
  return {
    host,
    repository: (path, needs) => aRepository(host, `${fake.url}/${path}.git`, path, needs),
    existing: "octocat/web",
    missing: "octocat/none",
    credential: (role) => ({ credential: aCredential(host, "token", "octocat", `gh-${role}`), secret: token(tokens[role]) }),
    knowsPushPermission: true,
    requests: () => fake.counters.rest + fake.counters.graphql + fake.counters.git,
    close: () => fake.close(),
  };
}

async function gitHttpTarget(): Promise<ContractTarget> {
  const server = await startGitHttpServer();
  await server.addRepo("team/web", { branches: ["dev"] });
  server.setAccount("writer", { password: "writer's password" });
  server.setAccount("reader", { password: "reader's password", readOnly: true });
  const host: Host = { id: "h-git", name: "plain", kind: "git", webUrl: server.url, apiUrl: null, graphqlUrl: null, ...hostFields };
  const logins: Record<Role, [string, string]> = {
    writer: ["writer", "writer's password"],
    reader: ["reader", "reader's password"],
    refused: ["writer", "an old password"],
  };
  return {
    host,
    repository: (path, needs) => aRepository(host, `${server.url}/${path}.git`, path, needs),
    existing: "team/web",
    missing: "team/none",
    credential: (role) => ({ credential: aCredential(host, "token", logins[role][0], `git-${role}`), secret: token(logins[role][1]) }),
    knowsPushPermission: true,
    requests: () => Object.values(server.requests).reduce((a, b) => a + b, 0),
    close: () => server.close(),
  };
}

async function gitSshTarget(): Promise<ContractTarget> {
  const unavailable = sshdUnavailable();
  if (unavailable !== null) throw new Error(`The SSH contract needs a real sshd: ${unavailable}.`);
  const dir = await mkdtemp(join(tmpdir(), "repolink-contract-ssh-"));
  const server = await startGitHttpServer();
  await server.addRepo("team/web", { branches: ["dev"] });
  const sshd = await startGitSshd(dir, server.root);
  const host: Host = {
    id: "h-ssh",
    name: "plain-ssh",
    kind: "git",
    webUrl: "http://127.0.0.1",
    apiUrl: null,
    graphqlUrl: null,
    ...hostFields,
    sshKnownHosts: sshd.knownHosts,
  };
  const keys: Record<Role, string> = {
    writer: sshd.keys.writer.privateKey,
    reader: sshd.keys.reader.privateKey,
    refused: sshd.keys.stranger.privateKey,
  };
  return {
    host,
    repository: (path, needs) => aRepository(host, sshd.urlOf(path), path, needs),
    existing: "team/web",
    missing: "team/none",
    credential: (role) => ({
      credential: aCredential(host, "ssh-key", null, `ssh-${role}`),
      secret: { kind: "ssh-key", privateKey: new Secret(keys[role]), passphrase: null },
    }),
    knowsPushPermission: false,
    requests: () => sshd.sessions(),
    async close() {
      await sshd.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const targets: [string, () => Promise<ContractTarget>, { skip: string | false }][] = [
  ["GitHub (its fake)", githubTarget, { skip: false }],
  ["generic Git over HTTP (git http-backend, Basic auth)", gitHttpTarget, { skip: false }],
  ["generic Git over SSH (a real sshd)", gitSshTarget, { skip: skipSsh ? "REPOLINK_TEST_SKIP_SSH=1" : false }],
];

for (const [label, start, options] of targets) {
  describe(`connection-check contract: ${label}`, options, () => {
    let target: ContractTarget;
    let work: string;
    let deps: ContractDeps;
    before(async () => {
      target = await start();
      work = await mkdtemp(join(tmpdir(), "repolink-contract-"));
      deps = contractDeps(work);
    });
    after(async () => {
      await target?.close();
      if (work) await rm(work, { recursive: true, force: true });
    });

    async function check(role: Role, repositories: Repository[]): Promise<{ report: ConnectionReport; defaultBranch: string | null }[]> {
      const { credential, secret } = target.credential(role);
      const run = { host: target.host, credential, secret, limit: limitConcurrency(4) };
      const results = await runChecks(deps, run, repositories);
      assert.equal(results.length, repositories.length, "one result per repository, in order");
      results.forEach((r, i) => assert.equal(r.repository.id, repositories[i]?.id));
      const names = deps.integrations.get(target.host.kind).checks.steps;
      for (const r of results)
        assert.deepEqual(
          r.steps.map((s) => s.name),
          [...names],
          "every step of the kind, in its order",
        );
      return results.map((r) => ({ report: finishReport(r.steps, "2026-01-01T00:00:00.000Z", "ok"), defaultBranch: r.defaultBranch }));
    }

    it("a credential that may push is connected, and the check learns the default branch", async () => {
      const [result] = await check("writer", [target.repository(target.existing, "push")]);
      assert.equal(result?.report.status, "connected", JSON.stringify(result?.report));
      assert.equal(result?.defaultBranch, "main");
      assert.equal(result?.report.steps.find((s) => s.name === "transport")?.status, "passed");
    });

    it("a read-only credential where push is needed is degraded where the host can tell", async () => {
      const [result] = await check("reader", [target.repository(target.existing, "push")]);
      if (target.knowsPushPermission) {
        assert.equal(result?.report.status, "degraded", JSON.stringify(result?.report));
        assert.equal(result?.report.reasonCode, "PERMISSION_READ_ONLY");
        assert.ok(result?.report.remedy, "a remedy");
      } else {
        assert.equal(result?.report.status, "connected");
        assert.equal(result?.report.steps.find((s) => s.name === "permission")?.status, "skipped");
      }
    });

    it("a read-only credential where pull is enough is connected", async () => {
      const [result] = await check("reader", [target.repository(target.existing, "pull")]);
      assert.equal(result?.report.status, "connected", JSON.stringify(result?.report));
    });

    it("a refused credential is failing with a remedy, and every later step is skipped", async () => {
      const [result] = await check("refused", [target.repository(target.existing, "push")]);
      const report = result!.report;
      assert.equal(report.status, "failing", JSON.stringify(report));
      assert.ok(report.remedy, "a remedy");
      const failed = report.steps.findIndex((s) => s.status === "failed");
      assert.ok(
        report.steps.slice(failed + 1).every((s) => s.status === "skipped"),
        JSON.stringify(report.steps),
      );
      assert.notEqual(report.steps.find((s) => s.name === "transport")?.status, "passed");
    });

    it("a repository that does not exist is failing with a remedy; its batch neighbour is unaffected", async () => {
      const results = await check("writer", [target.repository(target.missing, "push"), target.repository(target.existing, "push")]);
      assert.equal(results[0]?.report.status, "failing", JSON.stringify(results[0]?.report));
      assert.ok(results[0]?.report.remedy);
      assert.equal(results[1]?.report.status, "connected");
    });

    it("a credential of another host is refused at the first step, and nothing is sent", async () => {
      const { credential, secret } = target.credential("writer");
      const before = target.requests();
      const elsewhere = { ...credential, hostName: "somewhere-else" };
      const run = { host: target.host, credential: elsewhere, secret, limit: limitConcurrency(1) };
      const results = await runChecks(deps, run, [target.repository(target.existing, "push")]);
      const report = finishReport(results[0]!.steps, "2026-01-01T00:00:00.000Z", "ok");
      assert.equal(report.status, "failing");
      assert.equal(report.reasonCode, "CREDENTIAL_HOST_MISMATCH");
      assert.equal(report.steps[0]?.status, "failed");
      assert.equal(target.requests(), before, "no request reached the server");
    });
  });
}
