/** What a credential holds: a token/password, an SSH key, or a GitHub App (its ID and private key). */
export type CredentialKind = "token" | "ssh-key" | "github-app";

/** `global` credentials serve the team; `private` ones only their owner. */
export type CredentialScope = "global" | "private";

/**
 * Where a credential's secret may go: `helper` (default) hands it to pipelines (git's credential
 * helper, `repolink checkout`); `gateway-only` keeps it in the server, used only by the Git gateway.
 */
export type CredentialRelease = "helper" | "gateway-only";

/** Result of the last check of a credential. */
export type CredentialStatus = "unchecked" | "valid" | "warning" | "invalid";

/**
 * A stored credential. The secret itself lives only in `secretBox`, sealed by the
 * SecretCipher with `credentialAad(id, secretVersion)` as associated data.
 */
export interface Credential {
  id: string;
  name: string;
  kind: CredentialKind;
  scope: CredentialScope;
  /** Owner of a private credential; null for global ones. */
  ownerId: string | null;
  /** Name of the host the credential is bound to (default `github.com`). */
  hostName: string;
  /** The username sent with a token (e.g. the GitHub login), or the SSH user. */
  username: string | null;
  preview: string;
  fingerprint: string;
  secretBox: string;
  secretVersion: number;
  kekId: string;
  status: CredentialStatus;
  /** Last validation report (JSON, secret-free) or null. */
  validation: Record<string, unknown> | null;
  lastValidatedAt: string | null;
  expiresAt: string | null;
  /** Absent on records made before it existed: `helper`. */
  release?: CredentialRelease;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** The plaintext sealed in a credential's box. */
export type CredentialSecretPayload =
  | { kind: "token"; token: string }
  | { kind: "ssh-key"; privateKey: string; passphrase: string | null }
  | { kind: "github-app"; appId: string; privateKey: string; installationId: string | null };

/** Associated data binding a ciphertext to one credential record and version. */
export function credentialAad(id: string, version: number): string {
  return `repolink/credential/${id}/v${version}`;
}
