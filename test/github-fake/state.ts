import type { KeyObject } from "node:crypto";

/** A repository role on GitHub, lowest first. */
export type RepoRole = "read" | "triage" | "write" | "maintain" | "admin";

export const roleRank: Record<RepoRole, number> = { read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

/** A user or organization account of the fake. */
export interface FakeAccount {
  id: number;
  login: string;
  name: string;
  type: "User" | "Organization";
  /** Organizations only: the role each member has on every repository of the organization. */
  members: Record<string, RepoRole>;
  createdAt: string;
  /** Organizations only: the policy on fine-grained tokens (Settings → Personal access tokens). */
  fineGrainedPolicy?: { forbidden?: boolean; maxLifetimeDays?: number };
}

/** A repository of the fake; its Git data lives in a real bare repository. */
export interface FakeRepo {
  id: number;
  owner: string;
  name: string;
  private: boolean;
  archived: boolean;
  description: string | null;
  defaultBranch: string;
  protectedBranches: string[];
  collaborators: Record<string, RepoRole>;
  createdAt: string;
  pushedAt: string;
  gitDir: string;
}

/** A token of the fake, with the properties the tests steer. */
export interface FakeToken {
  value: string;
  login: string;
  /** OAuth scopes of a classic token; ignored for fine-grained ones. */
  scopes: string[];
  /**
   * Fine-grained: the resource owner, which repositories (full names, or "all" of the owner), Contents
   * access (`none`: Metadata only), and whether the owner organization has yet to approve the request.
   */
  fineGrained: {
    owner: string;
    repositories: "all" | string[];
    contents: "read" | "write" | "none";
    pendingApproval?: boolean;
    lifetimeDays?: number;
  } | null;
  expiresAt: Date | null;
  revoked: boolean;
  /** Organizations whose SAML SSO has not authorized this token (`true`: all). */
  ssoRequired: boolean | string[];
  readOnly: boolean;
  used: number;
  /** An App's installation token: what it was narrowed to; its `login` is the App's bot. */
  installation?: { id: number; repositories: string[] | "all"; contents: "read" | "write" | "none" };
  /** API requests still answered 401 (GitHub's replication delay after a mint). */
  notReadyFor?: number;
}

/** A GitHub App of the fake: its public keys verify the JWTs it signs. */
export interface FakeApp {
  id: number;
  slug: string;
  name: string;
  owner: string;
  clientId: string;
  publicKeys: KeyObject[];
  permissions: Record<string, string>;
}

/** One installation of an App on an account. */
export interface FakeInstallation {
  id: number;
  appId: number;
  account: string;
  selection: "all" | "selected";
  /** Full names of the selected repositories (when `selection` is `selected`). */
  repositories: string[];
  permissions: Record<string, string>;
  suspended: boolean;
  createdAt: string;
  /** REST requests its tokens made in the current window: the installation's own rate limit, shared by its tokens. */
  used: number;
}

/** The fake's whole state, kept in memory. */
export class GithubFakeState {
  readonly accounts = new Map<string, FakeAccount>();
  readonly repos = new Map<string, FakeRepo>();
  readonly tokens = new Map<string, FakeToken>();
  readonly apps = new Map<number, FakeApp>();
  readonly installations = new Map<number, FakeInstallation>();
  /** One-time codes of the App manifest flow → the App created and its key, until converted. */
  readonly manifestCodes = new Map<string, { appId: number; privateKey: string; webhookSecret: string | null }>();
  /** Apps created through the manifest flow, oldest first. */
  readonly manifestApps: number[] = [];
  /** Names a repository had before a rename or transfer (lower case) → its id: GitHub keeps redirecting them. */
  readonly formerNames = new Map<string, number>();
  #nextId = 1000;

  nextId(): number {
    return ++this.#nextId;
  }

  account(login: string): FakeAccount | undefined {
    return this.accounts.get(login.toLowerCase());
  }

  repo(owner: string, name: string): FakeRepo | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  /** A repository by GitHub's id. */
  repoById(id: number): FakeRepo | undefined {
    return [...this.repos.values()].find((r) => r.id === id);
  }

  /** The repository that was called `owner/name` before it was renamed or transferred, while no other took the name. */
  movedRepo(owner: string, name: string): FakeRepo | undefined {
    if (this.repo(owner, name)) return undefined;
    const id = this.formerNames.get(`${owner}/${name}`.toLowerCase());
    return id === undefined ? undefined : this.repoById(id);
  }

  /** The user's own role on a repository, before any token limits; `undefined` for none. */
  userRole(login: string, repo: FakeRepo): RepoRole | undefined {
    if (repo.owner.toLowerCase() === login.toLowerCase()) return "admin";
    const direct = repo.collaborators[login];
    const viaOrg = this.account(repo.owner)?.members[login];
    const best = [direct, viaOrg].filter((r): r is RepoRole => r !== undefined).sort((a, b) => roleRank[b] - roleRank[a])[0];
    return best ?? (repo.private ? undefined : "read");
  }

  /** True when the user owns the repository, collaborates on it or is a member of its organization. */
  affiliated(login: string, repo: FakeRepo): boolean {
    return repo.owner === login || login in repo.collaborators || login in (this.account(repo.owner)?.members ?? {});
  }

  /** True when the token's SSO authorization is missing for the repository's organization. */
  blockedBySso(token: FakeToken, owner: string): boolean {
    if (this.account(owner)?.type !== "Organization") return false;
    return token.ssoRequired === true || (Array.isArray(token.ssoRequired) && token.ssoRequired.includes(owner));
  }

  /** Why an organization refuses a fine-grained token outright (403), or `null`: it forbids them, or this token's lifetime. */
  fineGrainedRefusal(token: FakeToken | undefined, owner: string): "forbidden" | "lifetime" | null {
    const policy = this.account(owner)?.fineGrainedPolicy;
    if (!token?.fineGrained || !policy) return null;
    if (policy.forbidden) return "forbidden";
    const lifetime = token.fineGrained.lifetimeDays ?? Infinity;
    return policy.maxLifetimeDays !== undefined && lifetime > policy.maxLifetimeDays ? "lifetime" : null;
  }

  /**
   * What the token may do on the repository: `undefined` when it may not even see it
   * (GitHub then answers 404), otherwise the effective role.
   */
  tokenRole(token: FakeToken | undefined, repo: FakeRepo): RepoRole | undefined {
    if (token === undefined) return repo.private ? undefined : "read";
    if (token.installation) return this.installationRole(token.installation, repo);
    const role = this.userRole(token.login, repo);
    if (role === undefined) return undefined;
    let cap: RepoRole = "admin";
    if (token.fineGrained) {
      const fg = token.fineGrained;
      const fullName = `${repo.owner}/${repo.name}`;
      const selected = repo.owner === fg.owner && !fg.pendingApproval && (fg.repositories === "all" || fg.repositories.includes(fullName));
      if (!selected) return repo.private ? undefined : "read";
      cap = fg.contents === "write" ? "write" : "read";
    } else if (repo.private && !token.scopes.includes("repo")) {
      return undefined;
    }
    if (token.readOnly) cap = "read";
    return roleRank[role] <= roleRank[cap] ? role : cap;
  }

  /** What an installation token may do on a repository: Contents read or write where its installation (and narrowing) reach. */
  installationRole(grant: NonNullable<FakeToken["installation"]>, repo: FakeRepo): RepoRole | undefined {
    const installation = this.installations.get(grant.id);
    const fullName = `${repo.owner}/${repo.name}`.toLowerCase();
    const reached =
      installation !== undefined &&
      !installation.suspended &&
      installation.account.toLowerCase() === repo.owner.toLowerCase() &&
      (installation.selection === "all" || installation.repositories.some((r) => r.toLowerCase() === fullName)) &&
      (grant.repositories === "all" || grant.repositories.some((r) => r.toLowerCase() === fullName));
    if (!reached) return repo.private ? undefined : "read";
    return grant.contents === "write" ? "write" : "read";
  }

  /** True when the token may push over Git: write access, and a scope that allows writing. */
  canPush(token: FakeToken, repo: FakeRepo): boolean {
    const role = this.tokenRole(token, repo);
    if (role === undefined || roleRank[role] < roleRank.write || repo.archived) return false;
    if (token.fineGrained || token.installation) return true;
    return token.scopes.includes("repo") || (!repo.private && token.scopes.includes("public_repo"));
  }
}
