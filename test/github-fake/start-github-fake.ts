import { mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { generateTestToken } from "../support/github-tokens.ts";
import { buildBareRepo } from "./git-repo-builder.ts";
import type { ForcedFailure } from "./rest-server.ts";
import { createFakeServer, type ServerEnv } from "./server.ts";
import { GithubFakeState, type FakeAccount, type FakeRepo, type RepoRole } from "./state.ts";

/** Options of `addToken`; by default a classic token with the `repo` scope. */
export interface FakeTokenOptions {
  login: string;
  scopes?: string[];
  fineGrained?: { owner?: string; repositories: "all" | string[]; contents: "read" | "write" };
  expiresAt?: Date | string | null;
  revoked?: boolean;
  ssoRequired?: boolean | string[];
  readOnly?: boolean;
  prefix?: "ghp_" | "gho_" | "ghu_" | "ghs_";
}

/** Options of `addRepo`; the repository gets a real commit with `files` on `defaultBranch`. */
export interface FakeRepoOptions {
  owner: string;
  name: string;
  private?: boolean;
  archived?: boolean;
  description?: string;
  defaultBranch?: string;
  files?: Record<string, string>;
  branches?: string[];
  protectedBranches?: string[];
  collaborators?: Record<string, RepoRole>;
  /** Serve the Git data of this existing repository (`owner/name`) instead of building new data: fast bulk setups. */
  shareGitWith?: string;
}

/** A running GitHub Enterprise Server look-alike. */
export interface GithubFake {
  url: string;
  apiUrl: string;
  graphqlUrl: string;
  counters: { rest: number; graphql: number; git: number; graphqlPoints: number };
  /** GraphQL lookups and Git requests per repository, keyed `owner/name` in lower case. */
  repoHits: Map<string, { graphql: number; git: number }>;
  /** Delays every answer by `ms` (0 turns it off). */
  setLatency(ms: number): void;
  /** `METHOD /path` of every REST request, in order. */
  log: string[];
  addUser(options: { login: string; name?: string; type?: "User" | "Organization"; members?: Record<string, RepoRole> }): FakeAccount;
  addRepo(options: FakeRepoOptions): Promise<FakeRepo>;
  /** Creates a token at run time (checksum-valid) and returns it. */
  addToken(options: FakeTokenOptions): string;
  revokeToken(token: string): void;
  /** Makes the next REST requests fail: rate limits or a status such as 502. */
  failNext(failure: ForcedFailure, times?: number): void;
  /** Drops the failures `failNext` queued that have not happened yet (GitHub is back). */
  clearFailures(): void;
  close(): Promise<void>;
}

/** Starts the GitHub fake on 127.0.0.1, on a free port. */
export async function startGithubFake(options: { rateLimit?: number } = {}): Promise<GithubFake> {
  const home = await mkdtemp(join(tmpdir(), "repolink-github-fake-"));
  const projectRoot = join(home, "repositories");
  const state = new GithubFakeState();
  const env: ServerEnv = {
    state,
    home,
    projectRoot,
    urls: { web: "", api: "" },
    rateLimit: options.rateLimit ?? 5000,
    forced: [],
    counters: { rest: 0, graphql: 0, git: 0, graphqlPoints: 0 },
    repoHits: new Map(),
    latencyMs: 0,
    log: [],
  };
  const server = createFakeServer(env);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  env.urls.web = url;
  env.urls.api = `${url}/api/v3`;
  const now = () => new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const mustAccount = (login: string) => {
    const account = state.account(login);
    if (!account) throw new Error(`GitHub fake: no account ${login}; call addUser first`);
    return account;
  };

  return {
    url,
    apiUrl: env.urls.api,
    graphqlUrl: `${url}/api/graphql`,
    counters: env.counters,
    repoHits: env.repoHits,
    log: env.log,
    setLatency(ms) {
      env.latencyMs = ms;
    },
    addUser({ login, name, type = "User", members = {} }) {
      const account: FakeAccount = { id: state.nextId(), login, name: name ?? login, type, members, createdAt: now() };
      state.accounts.set(login.toLowerCase(), account);
      return account;
    },
    async addRepo(o) {
      const owner = mustAccount(o.owner);
      const defaultBranch = o.defaultBranch ?? "main";
      const repo: FakeRepo = {
        id: state.nextId(),
        owner: owner.login,
        name: o.name,
        private: o.private ?? false,
        archived: o.archived ?? false,
        description: o.description ?? null,
        defaultBranch,
        protectedBranches: o.protectedBranches ?? [],
        collaborators: o.collaborators ?? {},
        createdAt: now(),
        pushedAt: now(),
        gitDir: join(projectRoot, owner.login, `${o.name}.git`),
      };
      const shared = o.shareGitWith === undefined ? undefined : state.repos.get(o.shareGitWith.toLowerCase());
      if (shared) {
        await mkdir(dirname(repo.gitDir), { recursive: true });
        await symlink(shared.gitDir, repo.gitDir);
      } else {
        await buildBareRepo(home, repo.gitDir, {
          defaultBranch,
          files: o.files ?? { "README.md": `# ${o.name}\n` },
          branches: o.branches ?? [],
        });
      }
      state.repos.set(`${owner.login}/${o.name}`.toLowerCase(), repo);
      return repo;
    },
    addToken(o) {
      mustAccount(o.login);
      const value = generateTestToken(o.fineGrained ? "github_pat_" : (o.prefix ?? "ghp_"));
      state.tokens.set(value, {
        value,
        login: o.login,
        scopes: o.scopes ?? ["repo"],
        fineGrained: o.fineGrained ? { owner: o.fineGrained.owner ?? o.login, ...o.fineGrained } : null,
        expiresAt: o.expiresAt == null ? null : new Date(o.expiresAt),
        revoked: o.revoked ?? false,
        ssoRequired: o.ssoRequired ?? false,
        readOnly: o.readOnly ?? false,
        used: 0,
      });
      return value;
    },
    revokeToken(token) {
      const record = state.tokens.get(token);
      if (record) record.revoked = true;
    },
    failNext(failure, times = 1) {
      for (let i = 0; i < times; i++) env.forced.push(failure);
    },
    clearFailures() {
      env.forced.length = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(home, { recursive: true, force: true });
    },
  };
}
