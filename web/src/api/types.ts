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

/** One step of a connection check, a finished check, and how a repository is shown. */
export type { CheckStep, ConnectionReport } from "../../../src/core/repositories/connection-report.ts";
export type { RepositoryView } from "../../../src/core/repositories/repository-view.ts";
export type { ImportResult } from "../../../src/core/repositories/import-repositories.ts";
export type { BranchView } from "../../../src/core/repositories/list-branches.ts";

/** One stored run of a connection check (history). */
export interface RepositoryCheckView {
  id?: string;
  at: string;
  status: ConnectionStatus;
  reasonCode: string | null;
  message?: string | null;
  remedy?: string | null;
  steps: { name: string; status: string; code?: string | null; message?: string | null; remedy?: string | null }[];
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
