import type { Host } from "../hosts/host.ts";
import type { CredentialSecretPayload } from "./credential.ts";

/** One thing found wrong (or worth a warning) about a credential, with what to do. */
export interface CredentialProblem {
  code: string;
  severity: "error" | "warning";
  message: string;
  remedy: string;
}

/** The result of checking a secret online against its host. */
export interface CredentialCheckResult {
  /** `unreachable` means the host could not be asked: nothing is known about the secret. */
  status: "valid" | "warning" | "invalid" | "unreachable";
  login: string | null;
  scopes: string[] | null;
  expiresAt: string | null;
  problems: CredentialProblem[];
  /** Secret-free facts worth keeping (token type, rate limit, SSO URL…). */
  facts: Record<string, unknown>;
}

/** Checks a secret against its host (for GitHub: identity, scopes, expiry, SSO). */
export interface CredentialChecker {
  check(host: Host, payload: CredentialSecretPayload, username: string | null): Promise<CredentialCheckResult>;
}

/** The result when nothing could be asked about the secret on its own; `note` says where it is checked instead. */
export function notCheckedOnline(note: string): CredentialCheckResult {
  return { status: "unreachable", login: null, scopes: null, expiresAt: null, problems: [], facts: { note } };
}
