/** Health of a repository's connection. */
export type ConnectionStatus = "unchecked" | "connected" | "degraded" | "failing";

/** A registered repository and the credential it uses. */
export interface Repository {
  id: string;
  /** Display name, its path by default (`HOST:PATH` when another repository has that name); unique. */
  name: string;
  hostName: string;
  /** Its path on the host, without `.git`: `owner/name` on GitHub, any depth elsewhere. With hostName, its identity. */
  path: string;
  /** The path's namespace, every segment but the last ("" at the top level): on GitHub, the owner. Derived from `path`. */
  owner: string;
  /** The path's last segment: on GitHub, the repository's name. Derived from `path`. */
  repo: string;
  /** The clean clone URL (no userinfo). */
  url: string;
  protocol: "https" | "ssh";
  /** Null once the credential was deleted with --force: the repository is then failing. */
  credentialId: string | null;
  /** The branch Repolink uses: the one chosen at registration, else the host's default as first seen. */
  defaultBranch: string | null;
  /** The host's own id for the repository (GitHub's `databaseId`), learnt by the first check; it survives renames. */
  hostRepositoryId: string | null;
  /** The host's default branch at the last check, kept apart so it never overwrites `defaultBranch`. */
  hostDefaultBranch: string | null;
  /** Where the last check found the repository after a rename or transfer (its new path and clone URL); null otherwise. */
  movedToPath: string | null;
  movedToUrl: string | null;
  needs: "push" | "pull";
  status: ConnectionStatus;
  reasonCode: string | null;
  message: string | null;
  remedy: string | null;
  lastCheckedAt: string | null;
  createdBy: string;
  createdAt: string;
}

/** One run of a repository's connection check, kept as history. */
export interface RepositoryCheck {
  id: string;
  repositoryId: string;
  at: string;
  status: ConnectionStatus;
  reasonCode: string | null;
  /** The steps in order, each `{ name, status, code, message, remedy }`. */
  steps: Record<string, unknown>[];
}

/** A new registration's host facts: nothing learnt yet (its first check fills them in). */
export const unlearntHostFacts = { hostRepositoryId: null, hostDefaultBranch: null, movedToPath: null, movedToUrl: null } as const;
