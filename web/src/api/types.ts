import type { CredentialView } from "../../../src/contract/views/credential-views.ts";

/** The API's views, as the contract declares them: the web UI mirrors none of them by hand. */
export type { AuditEventView as AuditEvent } from "../../../src/contract/views/admin-views.ts";
export type { CredentialProblem, CredentialView } from "../../../src/contract/views/credential-views.ts";
export type { HostView } from "../../../src/contract/views/host-views.ts";
export type {
  BranchView,
  CheckStep,
  ConnectionReport,
  ImportResult,
  RepositoryCheckView,
  RepositoryView,
} from "../../../src/contract/views/repository-views.ts";
export type { ApiTokenView, UserView } from "../../../src/contract/views/user-views.ts";
export type { WebhookDeliveryView, WebhookView } from "../../../src/contract/views/webhook-views.ts";
export type { ConnectionStatus } from "../../../src/shared/check-statuses.ts";

/** `{ items }` lists returned by the API. */
export interface Items<T> {
  items: T[];
}

/** Who may use a credential: the team or its owner only. */
export type CredentialScope = CredentialView["scope"];
