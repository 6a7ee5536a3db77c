import type { Credential, CredentialSecretPayload } from "../credentials/credential.ts";
import type { CredentialChecker, CredentialCheckResult } from "../credentials/credential-checker.ts";
import type { BuiltInHost, Host } from "../hosts/host.ts";
import type { Limiter } from "../health/limit-concurrency.ts";
import type { RateBudget } from "../health/rate-budget.ts";
import type { CheckStep } from "../repositories/connection-report.ts";
import type { Repository } from "../repositories/repository.ts";
import type { ApiAuth } from "./credentials-provider.ts";
import type { GitAuth } from "./git-transport.ts";

/**
 * A secret as submitted, before it is checked. A GitHub App's `appId` is `null` on a key
 * rotation (the stored one is kept), and so is an `installationId` left `undefined`.
 */
export type SecretInput =
  | { kind: "token"; secret: string }
  | { kind: "ssh-key"; privateKey: string; passphrase: string | null }
  | { kind: "github-app"; appId: string | null; privateKey: string; installationId?: string | null };

/** A submitted secret checked offline: what to seal, a masked preview, and the token type when the kind knows one. */
export interface ClassifiedSecret {
  payload: CredentialSecretPayload;
  preview: string;
  tokenType: string | null;
}

/**
 * Offline check of a pasted token or password for one host kind (GitHub: prefix, length,
 * CRC-32 checksum; a generic Git host: any password). SSH keys are checked by core.
 */
export interface SecretFormats {
  /**
   * The token as it will be sealed (pasted whitespace and `Bearer ` stripped) and its type.
   * @throws InputError with a code of the kind's own (`TOKEN_CHECKSUM_MISMATCH`, `TOKEN_TRUNCATED`…), field `secret`
   */
  classifyToken(secret: string): { token: string; preview: string; tokenType: string | null };
  /** Whether a value is certainly one of this kind's tokens (GitHub: its checksum holds), so a field shown in clear refuses it. */
  looksLikeToken(value: string): boolean;
  /** Patterns (global flag) matching this kind's tokens, so the log redactor masks them even when never seen before. */
  readonly redactionPatterns: readonly RegExp[];
  /**
   * An App's private key checked offline (GitHub: an RSA private key in PEM, PKCS#1 or PKCS#8),
   * normalised, with a preview naming its fingerprint; absent when the kind has no Apps.
   * @throws InputError `APP_KEY_INVALID`, `APP_KEY_NOT_PRIVATE`, `APP_KEY_NOT_RSA` (field `private-key`)
   */
  classifyAppKey?(privateKey: string): { privateKey: string; preview: string };
}

/** What the host's API said about a repository itself: who it is and where it lives now. */
export interface HostRepositoryFacts {
  /** The host's id for it (kept across renames); null when the host did not say. */
  id: string | null;
  /** Its path now: another one than the registered path after a rename or transfer. */
  path: string;
  /** Its clone URL now, for the registration's protocol. */
  url: string;
}

/** What one repository's connection check found: every step, in order, and the branch HEAD points at. */
export interface CheckedRepository {
  repository: Repository;
  steps: CheckStep[];
  defaultBranch: string | null;
  /** Absent when the check did not ask the host's API about the repository (an SSH key, a failed earlier step). */
  hostRepository?: HostRepositoryFacts;
}

/** Everything a host kind's check steps get for one credential: core opened the secret and guards the host binding. */
export interface CheckSession {
  host: Host;
  credential: Credential;
  /** The credential as the host's API takes it; `null` when it cannot call the API (an SSH key). */
  apiAuth: ApiAuth | null;
  now: () => Date;
  /** Bounds concurrent requests of this credential. */
  limit: Limiter;
  /**
   * The credential's share of its host's rate limits in a health cycle; absent for a check on
   * demand. A kind with a limited API reserves and settles units on it; others ignore it.
   */
  budget?: RateBudget;
  /** The Git transport step for one repository (`git ls-remote` or a smart-HTTP probe, with the credential); core owns it. */
  transport(repository: Repository): Promise<{ step: CheckStep; head: string | null }>;
  /** What git sends for one of the session's repositories, for a kind's own Git probe (e.g. `git-receive-pack`'s advertisement). */
  gitAuth(repository: Repository): GitAuth;
  /** Keeps what the steps learned about the credential itself (identity, scopes, expiry) as its status. */
  reportCredential?(result: CredentialCheckResult): Promise<void>;
}

/**
 * A host kind's connection check. Core's one engine loads the credential and host, refuses
 * repositories the credential does not serve, opens the secret, then calls `run`; after a
 * failed step it marks the remaining `steps` skipped. A single check is a batch of one.
 */
export interface ConnectionChecks {
  /** The step names in the order they run (GitHub: token, visibility, permission, transport). */
  readonly steps: readonly string[];
  /**
   * Runs the steps for repositories of one credential, all on `session.host`. Returns a prefix
   * of `repositories` in order; `exhausted` when the rate budget stopped it there, `unavailable`
   * when the host failed there (HTTP 5xx, unreachable): the rest was not checked, not found broken.
   */
  run(session: CheckSession, repositories: readonly Repository[]): Promise<CheckBatchOutcome>;
}

/** What a batch of checks came to: the repositories checked, in order, and why it stopped short if it did. */
export interface CheckBatchOutcome {
  results: CheckedRepository[];
  exhausted: boolean;
  unavailable?: boolean;
}

/** One branch as the host's API reports it. */
export interface HostBranch {
  name: string;
  protected: boolean;
}

/** Branch listing through the host's API; kinds without one leave it out and core asks Git. */
export interface BranchListing {
  /** @throws AppError when the API cannot answer (core then falls back to `git ls-remote`) */
  listBranches(host: Host, auth: ApiAuth, repository: Repository): Promise<HostBranch[]>;
}

/** A repository a credential can reach, as an import registers it. */
export interface ReachableRepository {
  /** The repository's path on the host (`owner/name` on GitHub); core registers `<host web URL>/<path>.git`. */
  path: string;
  defaultBranch: string | null;
  /** Read-only on the host: it cannot be pushed to. Unknown (absent) counts as not archived. */
  archived?: boolean;
  private?: boolean;
  /** What the credential may do there, as the host says; null or absent when it does not say. */
  permission?: "admin" | "push" | "pull" | null;
}

/** Listing the repositories a credential reaches (`repo import`). */
export interface RepositoryListing {
  /** Every repository the credential reaches, or those of one `owner`. @throws AppError from the host */
  listReachable(host: Host, auth: ApiAuth, owner?: string): Promise<ReachableRepository[]>;
}

/** Links to the host's own form that creates a token prefilled for Repolink. */
export interface NewTokenLinks {
  /** Named links (GitHub: `classic`, `fineGrained`). @throws InputError `HOST_URL_INVALID` */
  links(host: Host, options: { description: string; owner?: string }): Record<string, string>;
}

/** An App the host created from a manifest: what Repolink stores as an App credential. */
export interface ConvertedApp {
  appId: string;
  slug: string;
  name: string;
  /** The App's private key (PEM), handed over once. */
  privateKey: string;
}

/** Apps created from a manifest on the host's own page (GitHub's App manifest flow). */
export interface AppManifests {
  /** The page the browser posts the manifest to: the user's, or an organization's. */
  newAppUrl(host: Host, organization: string | null): string;
  /**
   * Trades the one-time code the host sent back for the App's ID and key.
   * @throws InputError `APP_MANIFEST_CODE_INVALID` when the code is unknown, used or expired
   */
  convert(host: Host, code: string): Promise<ConvertedApp>;
}

/**
 * One host kind (GitHub, generic Git…), as core sees it. Required members every kind has;
 * optional capabilities are objects a kind provides or leaves out, so core asks
 * `integration.listing` once and tells the user plainly when a kind cannot do something.
 */
export interface Integration {
  /** The `host.kind` this integration serves. */
  readonly kind: Host["kind"];
  /** The kind's name in messages, e.g. "GitHub". */
  readonly label: string;
  readonly secrets: SecretFormats;
  readonly checks: ConnectionChecks;
  /** The username git sends with a token when the credential names none (GitHub: `x-access-token`); `null` when one is required. */
  readonly defaultGitUsername: string | null;
  /** Online check of a credential on its own (identity, scopes, expiry); absent when the connection check is all there is. */
  readonly credentialCheck?: CredentialChecker;
  readonly branches?: BranchListing;
  readonly listing?: RepositoryListing;
  readonly newTokenLinks?: NewTokenLinks;
  readonly appManifests?: AppManifests;
  /** Hosts of this kind known out of the box (GitHub: github.com), added on first start. */
  readonly builtInHosts?: readonly BuiltInHost[];
}

/** The registered integrations, keyed by `host.kind`; built once in main.ts. */
export interface IntegrationRegistry {
  /** @throws InputError `HOST_KIND_UNKNOWN` when no integration serves `kind` */
  get(kind: string): Integration;
  /** Every registered integration (e.g. to collect redaction patterns). */
  all(): readonly Integration[];
  /** Whether a value is certainly a token of some registered kind. */
  looksLikeToken(value: string): boolean;
}
