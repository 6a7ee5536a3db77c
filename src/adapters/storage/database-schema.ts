import type { AuditOutcome } from "../../core/audit/audit-event.ts";
import type { CredentialKind, CredentialRelease, CredentialScope, CredentialStatus } from "../../core/credentials/credential.ts";
import type { ConnectionStatus, Repository } from "../../core/repositories/repository.ts";
import type { HealthBatch, HealthCycleChange } from "../../core/health/health-cycle.ts";
import type { Host } from "../../core/hosts/host.ts";
import type { DeliveryStatus, NotificationEvent } from "../../core/notifications/webhook.ts";
import type { UserRole } from "../../core/users/user.ts";

// Fields are camelCase here and snake_case in the database: createDatabase's CamelCasePlugin maps them.

/** Row of `users`. */
export interface UsersTable {
  id: string;
  username: string;
  role: UserRole;
  passwordHash: string;
  createdAt: string;
  disabledAt: string | null;
}

/** Row of `sessions`. */
export interface SessionsTable {
  idHash: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

/** Row of `app_manifest_states`: a GitHub App manifest flow in progress, by its state's SHA-256. */
export interface AppManifestStatesTable {
  stateHash: string;
  userId: string | null;
  hostName: string;
  credentialName: string;
  scope: CredentialScope;
  expiresAt: string;
  usedAt: string | null;
}

/** Row of `api_tokens`. */
export interface ApiTokensTable {
  id: string;
  userId: string;
  name: string;
  secretHash: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** JSON array of patterns, or null for every repository. */
  repos: string | null;
  access: "read" | "push";
  expiresAt: string | null;
}

/** Row of `repository_mappings`. */
export interface RepositoryMappingsTable {
  repositoryId: string;
  userId: string;
  credentialId: string;
  createdAt: string;
}

/** Row of `credential_url_prefixes`. */
export interface CredentialUrlPrefixesTable {
  credentialId: string;
  prefix: string;
}

/** Row of `credentials`; `validation` is JSON text. */
export interface CredentialsTable {
  id: string;
  name: string;
  kind: CredentialKind;
  scope: CredentialScope;
  ownerId: string | null;
  hostName: string;
  username: string | null;
  preview: string;
  fingerprint: string;
  secretBox: string;
  secretVersion: number;
  kekId: string;
  status: CredentialStatus;
  validation: string | null;
  lastValidatedAt: string | null;
  expiresAt: string | null;
  /** Added by migration 012; the column's default is `helper`. */
  release?: CredentialRelease;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** Row of `audit_events`; `detail` is JSON text. */
export interface AuditEventsTable {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string | null;
  targetName: string | null;
  outcome: AuditOutcome;
  detail: string;
}

/** Row of `keks`; `active` is 0 or 1. */
export interface KeksTable {
  id: string;
  wrapped: string;
  createdAt: string;
  active: number;
}

/** Row of `hosts`; booleans are 0 or 1. */
export interface HostsTable {
  id: string;
  name: string;
  kind: Host["kind"];
  webUrl: string;
  apiUrl: string;
  graphqlUrl: string;
  caBundle: string | null;
  sshKnownHosts: string | null;
  allowPrivateNetwork: number;
  builtIn: number;
  createdAt: string;
}

/** Row of `repositories`. */
export interface RepositoriesTable {
  id: string;
  name: string;
  hostName: string;
  path: string;
  url: string;
  protocol: Repository["protocol"];
  credentialId: string | null;
  defaultBranch: string | null;
  hostRepositoryId: string | null;
  hostDefaultBranch: string | null;
  movedToPath: string | null;
  movedToUrl: string | null;
  needs: Repository["needs"];
  status: ConnectionStatus;
  reasonCode: string | null;
  message: string | null;
  remedy: string | null;
  lastCheckedAt: string | null;
  createdBy: string;
  createdAt: string;
}

/** Row of `repository_checks`; `steps` is JSON text. */
export interface RepositoryChecksTable {
  id: string;
  repositoryId: string;
  at: string;
  status: ConnectionStatus;
  reasonCode: string | null;
  steps: string;
}

/** Row of `webhooks`; `events` is JSON text, booleans are 0 or 1. */
export interface WebhooksTable {
  id: string;
  name: string;
  url: string;
  secretBox: string;
  kekId: string;
  secretPreview: string;
  events: string;
  allowPrivateNetwork: number;
  active: number;
  createdBy: string;
  createdAt: string;
}

/** Row of `webhook_deliveries`; `payload` is JSON text. */
export interface WebhookDeliveriesTable {
  id: string;
  webhookId: string;
  event: NotificationEvent;
  payload: string;
  attempt: number;
  status: DeliveryStatus;
  responseStatus: number | null;
  error: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
  dedupeKey: string | null;
}

/** Row of `health_cycle_changes`: a repository whose status a cycle changed (its columns are the domain record's). */
export type HealthCycleChangesTable = HealthCycleChange;

/** Row of `notices_sent`: one notice per credential secret version and threshold. */
export interface NoticesSentTable {
  credentialId: string;
  secretVersion: number;
  threshold: string;
  sentAt: string;
}

/** Row of `health_cycles`; `report` is JSON text. */
export interface HealthCyclesTable {
  id: string;
  slot: string;
  startedAt: string;
  finishedAt: string | null;
  resumedFrom: string | null;
  report: string | null;
  /** JSON text; null for cycles stored before migration 013. */
  options: string | null;
}

/** Row of `health_batches`; `repository_ids` and `by_status` are JSON text, `budget_exhausted` 0 or 1. */
export interface HealthBatchesTable {
  cycleId: string;
  credentialId: string;
  batch: number;
  status: HealthBatch["status"];
  startAfter: string | null;
  repositoryIds: string;
  cursor: string | null;
  unitsUsed: number;
  repositoriesChecked: number;
  budgetExhausted: number;
  byStatus: string;
  notChecked: number;
}

/** Row of `health_budgets`. */
export interface HealthBudgetsTable {
  credentialId: string;
  restRemaining: number | null;
  graphqlRemaining: number | null;
  resetAt: string | null;
  resumeAfter: string | null;
  resumeCycleId: string | null;
  updatedAt: string;
  upstreamFailures: number;
  retryAt: string | null;
}

/** Every table Repolink keeps, as Kysely sees them (SQLite and PostgreSQL alike). */
export interface DatabaseSchema {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  credentials: CredentialsTable;
  audit_events: AuditEventsTable;
  keks: KeksTable;
  hosts: HostsTable;
  repositories: RepositoriesTable;
  repository_checks: RepositoryChecksTable;
  repository_mappings: RepositoryMappingsTable;
  credential_url_prefixes: CredentialUrlPrefixesTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  notices_sent: NoticesSentTable;
  health_cycles: HealthCyclesTable;
  health_batches: HealthBatchesTable;
  health_cycle_changes: HealthCycleChangesTable;
  health_budgets: HealthBudgetsTable;
  app_manifest_states: AppManifestStatesTable;
}
