import { mkdir, mkdtemp, rename, rm, symlink } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { generateTestToken } from "../support/github-tokens.ts";
import { git } from "./git-env.ts";
import { graphqlPointsUsed } from "./graphql-points.ts";
import { buildBareRepo } from "./git-repo-builder.ts";
import type { ForcedFailure } from "./rest-server.ts";
import { createFakeServer, type GitFault, type ServerEnv } from "./server.ts";
import { newAppKey } from "./app-keys.ts";
import { GithubFakeState, type FakeAccount, type FakeInstallation, type FakeRepo, type FakeToken, type RepoRole } from "./state.ts";

/** Options of `addToken`; by default a classic token with the `repo` scope. */
export interface FakeTokenOptions {
  login: string;
  scopes?: string[];
  fineGrained?: {
    owner?: string;
    repositories: "all" | string[];
    contents: "read" | "write" | "none";
    pendingApproval?: boolean;
    lifetimeDays?: number;
  };
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
  /** `gitFetches`: upload-pack requests that asked for objects (a clone or fetch; not a ref listing). */
  counters: { rest: number; graphql: number; git: number; gitFetches: number; graphqlPoints: number };
  /** GraphQL lookups and Git requests per repository, keyed `owner/name` in lower case. */
  repoHits: Map<string, { graphql: number; git: number }>;
  /** Delays every answer by `ms` (0 turns it off). */
  setLatency(ms: number): void;
  /** Delays Git smart-HTTP answers only, by `ms` on top of `setLatency` (0 turns it off): a far-away upstream. */
  setGitLatency(ms: number): void;
  /** Queues a Git failure (`hang`, `drop`: the connection closed unanswered, `die-mid-pack`) for the next matching Git request. */
  failGit(fault: GitFault): void;
  /** `METHOD /path` of every REST request, in order. */
  log: string[];
  addUser(options: { login: string; name?: string; type?: "User" | "Organization"; members?: Record<string, RepoRole> }): FakeAccount;
  addRepo(options: FakeRepoOptions): Promise<FakeRepo>;
  /**
   * Renames a repository (`name`) or transfers it to another account (`owner`), as GitHub does: its id stays, and its
   * former name keeps answering — REST with a 301 to `/repositories/{id}`, GraphQL with the new `nameWithOwner`, Git
   * with a redirect — until another repository takes that name.
   */
  moveRepo(fullName: string, to: { owner?: string; name?: string }): Promise<FakeRepo>;
  /** Points the repository's default branch (and its bare repository's HEAD) at an existing branch. */
  setDefaultBranch(fullName: string, branch: string): Promise<void>;
  /** Creates a token at run time (checksum-valid) and returns it. */
  addToken(options: FakeTokenOptions): string;
  revokeToken(token: string): void;
  /** An owner of the fine-grained token's organization approves its pending request. */
  approveFineGrained(token: string): void;
  /** The user clicks Authorize for `organization` under Configure SSO: the token reaches its repositories from now on. */
  authorizeSso(token: string, organization: string): void;
  /** Makes the next REST (or GraphQL) requests fail: rate limits, a status such as 502, or a dropped connection. */
  failNext(failure: ForcedFailure, times?: number): void;
  /** Registers a GitHub App owned by `owner`; its private key (PEM, generated at run time) is returned once, like GitHub's download. */
  addApp(options: FakeAppOptions): { id: number; slug: string; clientId: string; privateKey: string };
  /** A second (or further) private key of the App, all active at once like GitHub's. */
  addAppKey(appId: number, format?: "pkcs1" | "pkcs8"): string;
  /** Deletes every key of the App but the newest. */
  dropOldAppKeys(appId: number): void;
  /** Installs the App on an account: on all its repositories, or on the selected full names. */
  installApp(options: {
    appId: number;
    account: string;
    repositories?: "all" | string[];
    permissions?: Record<string, string>;
  }): FakeInstallation;
  /** The fake's App settings: GitHub's clock ahead of ours, token lifetime, 401s a fresh token gets (replication delay). */
  appSettings: { skewSeconds: number; tokenLifetimeMs: number; notReadyFor: number };
  /** Apps created through the manifest flow's page (`/settings/apps/new`), oldest first. */
  appsFromManifests(): { id: number; slug: string; owner: string; permissions: Record<string, string> }[];
  /** Installation tokens the fake has minted, newest last. */
  installationTokens(): FakeToken[];
  /** What an installation's tokens spent of its own rate limits: REST requests (304s free) and GraphQL points. */
  installationUnits(installationId: number): { rest: number; graphql: number };
  /** Drops the failures `failNext` queued that have not happened yet (GitHub is back). */
  clearFailures(): void;
  close(): Promise<void>;
}

/** Options of `addApp`. */
export interface FakeAppOptions {
  owner: string;
  name: string;
  slug?: string;
  permissions?: Record<string, string>;
  keyFormat?: "pkcs1" | "pkcs8";
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
    counters: { rest: 0, graphql: 0, git: 0, gitFetches: 0, graphqlPoints: 0 },
    repoHits: new Map(),
    latencyMs: 0,
    gitLatencyMs: 0,
    gitFaults: [],
    log: [],
    apps: { skewSeconds: 0, tokenLifetimeMs: 3600_000, notReadyFor: 0 },
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
    setGitLatency(ms) {
      env.gitLatencyMs = ms;
    },
    failGit(fault) {
      env.gitFaults.push(fault);
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
    async moveRepo(fullName, to) {
      const repo = state.repos.get(fullName.toLowerCase());
      if (!repo) throw new Error(`GitHub fake: no repository ${fullName}`);
      const owner = to.owner === undefined ? repo.owner : mustAccount(to.owner).login;
      const name = to.name ?? repo.name;
      if (state.repo(owner, name)) throw new Error(`GitHub fake: ${owner}/${name} exists already`);
      const gitDir = join(projectRoot, owner, `${name}.git`);
      await mkdir(dirname(gitDir), { recursive: true });
      await rename(repo.gitDir, gitDir);
      state.repos.delete(fullName.toLowerCase());
      state.formerNames.set(fullName.toLowerCase(), repo.id);
      state.formerNames.delete(`${owner}/${name}`.toLowerCase());
      Object.assign(repo, { owner, name, gitDir });
      state.repos.set(`${owner}/${name}`.toLowerCase(), repo);
      return repo;
    },
    async setDefaultBranch(fullName, branch) {
      const repo = state.repos.get(fullName.toLowerCase());
      if (!repo) throw new Error(`GitHub fake: no repository ${fullName}`);
      await git(home, [`--git-dir=${repo.gitDir}`, "symbolic-ref", "HEAD", `refs/heads/${branch}`]);
      repo.defaultBranch = branch;
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
    authorizeSso(token, organization) {
      const record = state.tokens.get(token);
      if (record && Array.isArray(record.ssoRequired))
        record.ssoRequired = record.ssoRequired.filter((o) => o.toLowerCase() !== organization.toLowerCase());
    },
    approveFineGrained(token) {
      const grant = state.tokens.get(token)?.fineGrained;
      if (grant) grant.pendingApproval = false;
    },
    revokeToken(token) {
      const record = state.tokens.get(token);
      if (record) record.revoked = true;
    },
    failNext(failure, times = 1) {
      for (let i = 0; i < times; i++) env.forced.push(failure);
    },
    addApp(o) {
      mustAccount(o.owner);
      const id = state.nextId();
      const slug = o.slug ?? o.name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
      const key = newAppKey(o.keyFormat ?? "pkcs1");
      const clientId = `Iv23li${id}${slug.replace(/-/g, "").slice(0, 8)}`;
      state.apps.set(id, {
        id,
        slug,
        name: o.name,
        owner: o.owner,
        clientId,
        publicKeys: [key.publicKey],
        permissions: o.permissions ?? { contents: "write", metadata: "read" },
      });
      return { id, slug, clientId, privateKey: key.privateKey };
    },
    addAppKey(appId, format = "pkcs8") {
      const key = newAppKey(format);
      state.apps.get(appId)!.publicKeys.push(key.publicKey);
      return key.privateKey;
    },
    dropOldAppKeys(appId) {
      const app = state.apps.get(appId)!;
      app.publicKeys = app.publicKeys.slice(-1);
    },
    installApp({ appId, account, repositories = "all", permissions }) {
      const app = state.apps.get(appId)!;
      const installation: FakeInstallation = {
        id: state.nextId(),
        appId,
        account: mustAccount(account).login,
        selection: repositories === "all" ? "all" : "selected",
        repositories: repositories === "all" ? [] : repositories,
        permissions: permissions ?? { ...app.permissions },
        suspended: false,
        createdAt: now(),
        used: 0,
      };
      state.installations.set(installation.id, installation);
      return installation;
    },
    appSettings: env.apps,
    appsFromManifests: () =>
      state.manifestApps.map((id) => state.apps.get(id)!).map(({ id, slug, owner, permissions }) => ({ id, slug, owner, permissions })),
    installationTokens: () => [...state.tokens.values()].filter((t) => t.installation !== undefined),
    installationUnits(installationId) {
      const installation = state.installations.get(installationId);
      if (!installation) throw new Error(`GitHub fake: no installation ${installationId}`);
      return { rest: installation.used, graphql: graphqlPointsUsed.get(installation) ?? 0 };
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
