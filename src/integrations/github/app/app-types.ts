import type { Secret } from "../../../core/secret.ts";

/** A GitHub App as a credential holds it: its ID (or client ID), private key and optional installation ID. */
export interface AppIdentity {
  appId: string;
  privateKey: Secret;
  installationId: string | null;
}

/** What `GET /app` says about the App. */
export interface AppFacts {
  slug: string;
  name: string;
  owner: string | null;
  permissions: Record<string, string>;
}

/** One installation of the App on an account (organisation or user). */
export interface AppInstallation {
  id: number;
  account: string;
  suspended: boolean;
  repositorySelection: "all" | "selected";
  permissions: Record<string, string>;
  /** The installation's settings page on GitHub (where repositories are selected, suspension lifted). */
  settingsUrl: string;
}

/** An installation token, kept in memory only. */
export interface InstallationToken {
  token: Secret;
  expiresAt: string;
  installationId: number;
  /** When Repolink received it (epoch ms), for the replication-delay retry. */
  mintedAt: number;
}

/** What the audit log gets of a mint: never the token. */
export interface AppTokenMint {
  appId: string;
  installationId: number;
  account: string;
  repository: string | null;
  permissions: Record<string, string>;
  expiresAt: string;
}

/** What a token is narrowed to: one repository (by name, under the installation's account) and Contents access. */
export interface TokenNarrowing {
  repository: string;
  contents: "read" | "write";
}
