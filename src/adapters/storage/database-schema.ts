import type { AuditOutcome } from "../../core/audit/audit-event.ts";
import type { CredentialKind, CredentialScope, CredentialStatus } from "../../core/credentials/credential.ts";
import type { ConnectionStatus, Repository } from "../../core/repositories/repository.ts";
import type { DeliveryStatus } from "../../core/notifications/webhook.ts";
import type { Host } from "../../core/hosts/host.ts";
import type { UserRole } from "../../core/users/user.ts";

/** Row of `users`. */
export interface UsersTable {
  id: string;
  username: string;
  role: UserRole;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
}

/** Row of `sessions`. */
export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

/** Row of `api_tokens`. */
export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  secret_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Row of `credentials`; `validation` is JSON text. */
export interface CredentialsTable {
  id: string;
  name: string;
  kind: CredentialKind;
  scope: CredentialScope;
  owner_id: string | null;
  host_name: string;
  username: string | null;
  preview: string;
  fingerprint: string;
  secret_box: string;
  secret_version: number;
  kek_id: string;
  status: CredentialStatus;
  validation: string | null;
  last_validated_at: string | null;
  expires_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** Row of `audit_events`; `detail` is JSON text. */
export interface AuditEventsTable {
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_type: string;
  target_id: string | null;
  target_name: string | null;
  outcome: AuditOutcome;
  detail: string;
}

/** Row of `keks`; `active` is 0 or 1. */
export interface KeksTable {
  id: string;
  wrapped: string;
  created_at: string;
  active: number;
}

/** Row of `hosts`; booleans are 0 or 1. */
export interface HostsTable {
  id: string;
  name: string;
  kind: Host["kind"];
  web_url: string;
  api_url: string;
  graphql_url: string;
  ca_bundle: string | null;
  ssh_known_hosts: string | null;
  allow_private_network: number;
  built_in: number;
  created_at: string;
}

/** Row of `repositories`. */
export interface RepositoriesTable {
  id: string;
  name: string;
  host_name: string;
  owner: string;
  repo: string;
  url: string;
  protocol: Repository["protocol"];
  credential_id: string | null;
  default_branch: string | null;
  needs: Repository["needs"];
  status: ConnectionStatus;
  reason_code: string | null;
  message: string | null;
  remedy: string | null;
  last_checked_at: string | null;
  created_by: string;
  created_at: string;
}

/** Row of `repository_checks`; `steps` is JSON text. */
export interface RepositoryChecksTable {
  id: string;
  repository_id: string;
  at: string;
  status: ConnectionStatus;
  reason_code: string | null;
  steps: string;
}

/** Row of `webhooks`; `events` is JSON text, booleans are 0 or 1. */
export interface WebhooksTable {
  id: string;
  name: string;
  url: string;
  secret_box: string;
  kek_id: string;
  secret_preview: string;
  events: string;
  allow_private_network: number;
  active: number;
  created_by: string;
  created_at: string;
}

/** Row of `webhook_deliveries`; `payload` is JSON text. */
export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event: string;
  payload: string;
  attempt: number;
  status: DeliveryStatus;
  response_status: number | null;
  error: string | null;
  next_attempt_at: string | null;
  created_at: string;
  delivered_at: string | null;
}

/** Row of `notices_sent`: one notice per credential secret version and threshold. */
export interface NoticesSentTable {
  credential_id: string;
  secret_version: number;
  threshold: string;
  sent_at: string;
}

/** Row of `health_cycles`; `report` is JSON text. */
export interface HealthCyclesTable {
  id: string;
  slot: string;
  started_at: string;
  finished_at: string | null;
  resumed_from: string | null;
  report: string | null;
}

/** Row of `health_work`; `by_status` is JSON text, `budget_exhausted` 0 or 1. */
export interface HealthWorkTable {
  cycle_id: string;
  credential_id: string;
  status: string;
  lease_owner: string | null;
  lease_until: string | null;
  start_after: string | null;
  cursor: string | null;
  units_used: number;
  repositories_checked: number;
  budget_exhausted: number;
  by_status: string;
}

/** Row of `health_budgets`. */
export interface HealthBudgetsTable {
  credential_id: string;
  rest_remaining: number | null;
  graphql_remaining: number | null;
  reset_at: string | null;
  resume_after: string | null;
  resume_cycle_id: string | null;
  updated_at: string;
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
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  notices_sent: NoticesSentTable;
  health_cycles: HealthCyclesTable;
  health_work: HealthWorkTable;
  health_budgets: HealthBudgetsTable;
}
