import type { AuditEvent } from "../../../src/core/audit/audit-event.ts";
import type { CredentialProblem } from "../../../src/core/credentials/credential-checker.ts";
import type { CredentialView } from "../../../src/core/credentials/credential-view.ts";
import type { ConnectionStatus } from "../../../src/core/repositories/repository.ts";

export type { AuditEvent, CredentialProblem, CredentialView, ConnectionStatus };

/** A signed-in person, as the API shows them. */
export interface UserView {
  id: string;
  username: string;
  role: "admin" | "member";
  createdAt: string;
  disabled: boolean;
}

/** A host Repolink may contact. */
export interface HostView {
  id: string;
  name: string;
  kind: string;
  url: string;
  apiUrl: string;
  graphqlUrl: string;
  hasCaBundle: boolean;
  allowPrivateNetwork: boolean;
  builtIn: boolean;
}

/** One step of a connection check. */
export interface CheckStep {
  name: string;
  status: string;
  code?: string | null;
  message?: string | null;
  remedy?: string | null;
}

/** A registered repository and its connection status. */
export interface RepositoryView {
  id: string;
  name: string;
  host?: string;
  hostName?: string;
  url: string;
  credential?: string | null;
  credentialId?: string | null;
  credentialName?: string | null;
  defaultBranch?: string | null;
  needs?: "push" | "pull";
  status: ConnectionStatus;
  reasonCode?: string | null;
  message?: string | null;
  remedy?: string | null;
  lastCheckedAt?: string | null;
  steps?: CheckStep[];
}

/** One stored run of a connection check. */
export interface RepositoryCheckView {
  id?: string;
  at: string;
  status: ConnectionStatus;
  reasonCode?: string | null;
  message?: string | null;
  remedy?: string | null;
  steps: CheckStep[];
}

/** An API token as listed (its secret is shown once, at creation). */
export interface ApiTokenView {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revoked: boolean;
}

/** `{ items }` lists returned by the API. */
export interface Items<T> {
  items: T[];
}
