import type { Credential } from "../credentials/credential.ts";
import type { OpenedSecret } from "../credentials/open-credential-secret.ts";
import type { Host } from "../hosts/host.ts";
import type { Secret } from "../secret.ts";
import type { GitAuth } from "./git-transport.ts";

/**
 * How a host's API is called for a credential: a bearer token, a username and password (Basic),
 * or an App of the host (its ID and private key) whose integration mints a token per use.
 */
export type ApiAuth =
  | { kind: "bearer"; token: Secret }
  | { kind: "basic"; username: string; password: Secret }
  | { kind: "app"; appId: string; privateKey: Secret; installationId: string | null };

/** What one use of a credential is for; `secret` is the credential's secret, opened (and audited) by core. */
export interface CredentialUse {
  credential: Credential;
  secret: OpenedSecret;
  host: Host;
}

/** A git operation's use of a credential: the clean remote URL and what the operation needs. */
export interface GitCredentialUse extends CredentialUse {
  /** The clean remote URL (no userinfo). */
  url: string;
  /** How git reaches `url`. */
  protocol: "https" | "ssh";
  needs: "push" | "pull";
  /** A connection check, one of many for the credential: a kind minting tokens per use may serve them all with one. */
  check?: boolean;
}

/**
 * Turns a stored credential into what git or a host's API sends. Core never reads a token
 * out of a secret: it opens the secret (which audits the use) and hands it here. A new
 * credential kind (a GitHub App: mint an installation token for `url`) is one new provider.
 * Callers have already checked `credentialServes(credential, repository)`.
 */
export interface CredentialsProvider {
  /**
   * How git authenticates to `url`: a token or password over HTTPS (username from the
   * credential, else the host kind's default), or the SSH key with the host's pinned keys.
   */
  gitAuthFor(use: GitCredentialUse): Promise<GitAuth>;
  /** How the host's API is called with the credential; `null` when the credential cannot call it (an SSH key). */
  apiAuthFor(use: CredentialUse): Promise<ApiAuth | null>;
}
