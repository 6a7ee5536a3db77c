import { randomUUID } from "node:crypto";
import type { AuditEvent } from "../../src/core/audit/audit-event.ts";
import type { Credential } from "../../src/core/credentials/credential.ts";
import type { GithubHost, Host } from "../../src/core/hosts/host.ts";
import type { Repository, RepositoryCheck } from "../../src/core/repositories/repository.ts";
import { splitRepositoryPath } from "../../src/core/repositories/repository-path.ts";
import type { ApiToken, Session, User } from "../../src/core/users/user.ts";

/** An ISO-8601 time `seconds` after 2024-01-01T00:00:00Z. */
export function at(seconds: number): string {
  return new Date(Date.UTC(2024, 0, 1) + seconds * 1000).toISOString();
}

/** A user with a fresh id. */
export function aUser(overrides: Partial<User> = {}): User {
  const id = randomUUID();
  return { id, username: `user-${id}`, role: "member", passwordHash: "scrypt$hash", createdAt: at(0), disabledAt: null, ...overrides };
}

/** A session of `userId`. */
export function aSession(userId: string, overrides: Partial<Session> = {}): Session {
  return { idHash: randomUUID(), userId, csrfToken: randomUUID(), createdAt: at(0), expiresAt: at(3600), ...overrides };
}

/** An API token of `userId`. */
export function anApiToken(userId: string, overrides: Partial<ApiToken> = {}): ApiToken {
  return {
    id: randomUUID(),
    userId,
    name: "ci",
    secretHash: "sha256-of-secret",
    createdAt: at(0),
    lastUsedAt: null,
    revokedAt: null,
    repos: null,
    access: "push",
    expiresAt: null,
    ...overrides,
  };
}

/** A global token credential (pass scope and ownerId for a private one). */
export function aCredential(overrides: Partial<Credential> = {}): Credential {
  const id = randomUUID();
  return {
    id,
    name: `cred-${id}`,
    kind: "token",
    scope: "global",
    ownerId: null,
    hostName: "github.com",
    username: "octocat",
    preview: "ghp_…abcd",
    fingerprint: `fp-${id}`,
    secretBox: `box-v1-${id}`,
    secretVersion: 1,
    kekId: "kek-1",
    status: "unchecked",
    validation: null,
    lastValidatedAt: null,
    expiresAt: null,
    release: "helper",
    createdBy: "admin",
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}

/** An audit event. */
export function anAuditEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: randomUUID(),
    at: at(0),
    actorId: null,
    actorName: "system",
    action: "credential.create",
    targetType: "credential",
    targetId: null,
    targetName: null,
    outcome: "success",
    detail: { note: "x", nested: { n: 1 } },
    ...overrides,
  };
}

/** A GitHub host. */
export function aHost(overrides: Partial<GithubHost> = {}): Host {
  const id = randomUUID();
  return {
    id,
    name: `ghe-${id}.example.com`,
    kind: "github",
    webUrl: "https://ghe.example.com",
    apiUrl: "https://ghe.example.com/api/v3",
    graphqlUrl: "https://ghe.example.com/api/graphql",
    caBundle: null,
    sshKnownHosts: null,
    allowPrivateNetwork: false,
    builtIn: false,
    createdAt: at(0),
    ...overrides,
  };
}

/** A repository using `credentialId`; `owner` and `repo` follow the path. */
export function aRepository(credentialId: string | null, overrides: Partial<Omit<Repository, "owner" | "repo">> = {}): Repository {
  const id = randomUUID();
  const path = overrides.path ?? `octo/repo-${id}`;
  return {
    id,
    name: `octo/repo-${id}`,
    hostName: "github.com",
    path,
    ...splitRepositoryPath(path),
    url: `https://github.com/${path}.git`,
    protocol: "https",
    credentialId,
    defaultBranch: null,
    hostRepositoryId: null,
    hostDefaultBranch: null,
    movedToPath: null,
    movedToUrl: null,
    needs: "push",
    status: "unchecked",
    reasonCode: null,
    message: null,
    remedy: null,
    lastCheckedAt: null,
    createdBy: "admin",
    createdAt: at(0),
    ...overrides,
  };
}

/** The repository as a schema before migration 014 holds it: without what checks learn about its host identity. */
export function beforeHostFacts(repository: Repository): Repository {
  return {
    ...repository,
    hostRepositoryId: undefined,
    hostDefaultBranch: undefined,
    movedToPath: undefined,
    movedToUrl: undefined,
  } as never;
}

/** A check of `repositoryId` at time `seconds`. */
export function aCheck(repositoryId: string, seconds: number): RepositoryCheck {
  return {
    id: randomUUID(),
    repositoryId,
    at: at(seconds),
    status: "connected",
    reasonCode: null,
    steps: [{ name: "resolve", status: "ok", code: null, message: "fine", remedy: null }],
  };
}
