import assert from "node:assert/strict";
import { credentialCheckerByKind } from "../../src/integrations/credential-checker-by-kind.ts";
import { startGithubFake, type GithubFake } from "../github-fake/index.ts";
import { bootstrapAdmin, createMember, startTestServer, type TestServer } from "../support/test-server.ts";

/** A Repolink test server wired to a GitHub fake registered as host `ghe.test`, with users and tokens of every case. */
export interface RepositoryWorld {
  fake: GithubFake;
  server: TestServer;
  admin: string;
  alice: string;
  bob: string;
  /** Tokens of the fake by case: valid, noRepoScope, revoked, sso, fineGrainedNoAccess, readOnly, expiring. */
  tokens: Record<string, string>;
  /** `${fake.url}/owner/name.git` */
  url(fullName: string): string;
  addCredential(auth: string, name: string, token: string, extra?: Record<string, unknown>): Promise<void>;
  addRepository(auth: string, body: Record<string, unknown>): ReturnType<TestServer["call"]>;
  /** Polls a health cycle's progress as `auth` until done (generous deadline for a loaded machine); every answer seen, in order. */
  followCycle(auth: string, cycleId: string): Promise<CycleProgress[]>;
  close(): Promise<void>;
}

/** What `GET /health/cycles/{id}/progress` answers (the parts tests look at). */
export type CycleProgress = { total: number; checked: number; done: boolean; byStatus: Record<string, number>; failures: unknown[] };

/** Starts the fake and the server, registers the fake as a host, and creates admin, alice and bob. */
export async function startRepositoryWorld(): Promise<RepositoryWorld> {
  const fake = await startGithubFake();
  fake.addUser({ login: "octocat" });
  fake.addUser({ login: "acme", type: "Organization", members: { octocat: "write" } });
  await fake.addRepo({ owner: "octocat", name: "hello", private: true, branches: ["dev"], protectedBranches: ["main"] });
  await fake.addRepo({ owner: "octocat", name: "tools", private: false });
  await fake.addRepo({ owner: "octocat", name: "old", private: true, archived: true });
  await fake.addRepo({ owner: "acme", name: "platform", private: true });
  const tokens = {
    valid: fake.addToken({ login: "octocat" }),
    noRepoScope: fake.addToken({ login: "octocat", scopes: ["read:user"] }),
    revoked: fake.addToken({ login: "octocat", revoked: true }),
    sso: fake.addToken({ login: "octocat", ssoRequired: ["acme"] }),
    fineGrainedNoAccess: fake.addToken({ login: "octocat", fineGrained: { repositories: ["octocat/tools"], contents: "write" } }),
    readOnly: fake.addToken({ login: "octocat", readOnly: true }),
    expiring: fake.addToken({ login: "octocat", expiresAt: new Date(Date.now() + 3 * 24 * 3600 * 1000) }),
  };
  const server = await startTestServer();
  server.runtime.deps.checker = credentialCheckerByKind(server.runtime.deps.integrations);
  const admin = await bootstrapAdmin(server);
  const alice = await createMember(server, admin, "alice");
  const bob = await createMember(server, admin, "bob");
  const host = await server.call("POST", "/api/v1/hosts", {
    auth: admin,
    body: { name: "ghe.test", url: fake.url, allowPrivateNetwork: true },
  });
  assert.equal(host.status, 201, host.text);
  return {
    fake,
    server,
    admin,
    alice,
    bob,
    tokens,
    url: (fullName) => `${fake.url}/${fullName}.git`,
    async addCredential(auth, name, token, extra = {}) {
      const body = { name, type: "token", host: "ghe.test", username: "octocat", secret: token, validate: false, ...extra };
      const created = await server.call("POST", "/api/v1/credentials", { auth, body });
      assert.equal(created.status, 201, created.text);
    },
    addRepository: (auth, body) => server.call("POST", "/api/v1/repositories", { auth, body }),
    followCycle: async (auth, cycleId) => {
      const seen: CycleProgress[] = [];
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline) {
        const answer = await server.call("GET", `/api/v1/health/cycles/${cycleId}/progress`, { auth });
        assert.equal(answer.status, 200, answer.text);
        seen.push(answer.body as unknown as CycleProgress);
        if (seen.at(-1)!.done) return seen;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.fail(`the check did not finish: ${JSON.stringify(seen.at(-1))}`);
    },
    async close() {
      await server.close();
      await fake.close();
    },
  };
}

/** The `check` of a response, typed loosely for assertions. */
export type CheckBody = {
  status: string;
  reasonCode: string | null;
  message: string;
  remedy: string | null;
  steps: { name: string; status: string; code: string | null; remedy: string | null }[];
};

/**
 * Adds organisation `bulk` to the fake with `count` private repositories `bulk/r000`… (sharing one repository's Git
 * data), stores credential `team` (octocat's valid token) and registers `octocat/hello` with it.
 * @returns the repositories' paths in order
 */
export async function addBulkOrganisation(world: RepositoryWorld, count: number): Promise<string[]> {
  const paths = Array.from({ length: count }, (_, i) => `bulk/r${String(i).padStart(3, "0")}`);
  world.fake.addUser({ login: "bulk", type: "Organization", members: { octocat: "write" } });
  for (const [i, path] of paths.entries())
    await world.fake.addRepo({ owner: "bulk", name: path.slice(5), private: true, ...(i === 0 ? {} : { shareGitWith: paths[0] }) });
  await world.addCredential(world.admin, "team", world.tokens.valid ?? "");
  assert.equal((await world.addRepository(world.admin, { url: world.url("octocat/hello"), credential: "team" })).status, 201);
  return paths;
}
