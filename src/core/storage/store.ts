import type { AuditEvent } from "../audit/audit-event.ts";
import type { AppManifestStart, StoredAppManifestState } from "../credentials/app-manifest/app-manifest-start.ts";
import type { Credential } from "../credentials/credential.ts";
import type { WrappedKek } from "../crypto/secret-cipher.ts";
import type { BatchKey, CredentialBudget, HealthBatch, HealthBatchResult, HealthCycle, HealthCycleChange } from "../health/health-cycle.ts";
import type { Host } from "../hosts/host.ts";
import type { NoticeKey } from "../notifications/notice-key.ts";
import type { DeliveryCursor, DeliveryPatch, Webhook, WebhookDelivery } from "../notifications/webhook.ts";
import type { ConnectionStatus, Repository, RepositoryCheck } from "../repositories/repository.ts";
import type { StatusPoint } from "../repositories/daily-statuses.ts";
import type { RepositoryFilter, RepositoryPageQuery } from "../repositories/repository-page.ts";
import type { RepositoryMapping } from "../repositories/repository-mapping.ts";
import type { ApiToken, Session, User } from "../users/user.ts";

/**
 * Persistence for everything Repolink keeps. Implemented once over Kysely for SQLite
 * and PostgreSQL, and by an in-memory fake for core tests; one contract suite for all.
 * Unique-key clashes throw ConflictError with the codes named on each method.
 */
export interface Store {
  users: UserStore;
  sessions: SessionStore;
  apiTokens: ApiTokenStore;
  credentials: CredentialStore;
  audit: AuditStore;
  keks: KekStore;
  hosts: HostStore;
  repositories: RepositoryStore;
  mappings: RepositoryMappingStore;
  urlPrefixes: UrlPrefixStore;
  webhooks: WebhookStore;
  notifications: NotificationStore;
  health: HealthStore;
  appManifestStates: AppManifestStateStore;
  /** Runs `work` in one transaction: all of its writes land, or none. */
  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface UserStore {
  /** @throws ConflictError `USERNAME_TAKEN` */
  insert(user: User): Promise<void>;
  findById(id: string): Promise<User | undefined>;
  findByUsername(username: string): Promise<User | undefined>;
  list(): Promise<User[]>;
  count(): Promise<number>;
  update(id: string, patch: Partial<Pick<User, "role" | "passwordHash" | "disabledAt">>): Promise<void>;
}

export interface SessionStore {
  insert(session: Session): Promise<void>;
  findByIdHash(idHash: string): Promise<Session | undefined>;
  delete(idHash: string): Promise<void>;
  deleteExpired(now: string): Promise<number>;
}

/** The states of GitHub App manifest flows in progress, shared by every instance on the database. */
export interface AppManifestStateStore {
  insert(state: StoredAppManifestState): Promise<void>;
  /**
   * Marks the state used at `now` if it is unused, unexpired and `userId`'s, in one statement: of two
   * instances using it at once exactly one gets the start back.
   * @returns what it was issued for, or undefined when unknown, used, expired or another user's
   */
  use(stateHash: string, userId: string | null, now: string): Promise<AppManifestStart | undefined>;
  /** Deletes used states and those expired at `now`. @returns how many */
  prune(now: string): Promise<number>;
}

export interface ApiTokenStore {
  insert(token: ApiToken): Promise<void>;
  findById(id: string): Promise<ApiToken | undefined>;
  listByUser(userId: string): Promise<ApiToken[]>;
  update(id: string, patch: Partial<Pick<ApiToken, "lastUsedAt" | "revokedAt">>): Promise<void>;
}

/** Fields of a credential that change when its secret is replaced. */
export type CredentialSecretFields = Pick<Credential, "secretBox" | "secretVersion" | "kekId" | "preview" | "fingerprint" | "updatedAt">;

/** Fields of a credential that change without touching its secret. */
export type CredentialMetadataPatch = Partial<
  Pick<Credential, "name" | "username" | "status" | "validation" | "lastValidatedAt" | "expiresAt" | "updatedAt" | "release">
>;

export interface CredentialStore {
  /** @throws ConflictError `CREDENTIAL_NAME_TAKEN` (same name in the same scope and owner) */
  insert(credential: Credential): Promise<void>;
  findById(id: string): Promise<Credential | undefined>;
  /** A credential by name: the owner's private one of that name if `ownerId` is given and has one, else the global one. */
  findByName(name: string, ownerId: string | null): Promise<Credential | undefined>;
  list(): Promise<Credential[]>;
  /**
   * Replaces the secret if the stored `secretVersion` still equals `expectedVersion`.
   * @returns false when another writer got there first.
   */
  replaceSecret(id: string, expectedVersion: number, fields: CredentialSecretFields): Promise<boolean>;
  /** Stores a re-wrapped box for the same secret version (key rotation). */
  replaceBox(id: string, secretVersion: number, box: string, kekId: string): Promise<boolean>;
  /** @throws ConflictError `CREDENTIAL_NAME_TAKEN` on rename clash */
  updateMetadata(id: string, patch: CredentialMetadataPatch): Promise<void>;
  delete(id: string): Promise<void>;
}

export interface AuditStore {
  append(event: AuditEvent): Promise<void>;
  /** Replaces one event's detail: a burst of failed logins is one event whose count grows. */
  updateDetail(id: string, detail: Record<string, unknown>): Promise<void>;
  /** Newest first. */
  list(query: { limit: number; actorId?: string; targetId?: string }): Promise<AuditEvent[]>;
}

export interface KekStore {
  list(): Promise<WrappedKek[]>;
  insert(kek: WrappedKek): Promise<void>;
  /** Marks `id` active and every other key inactive. */
  activate(id: string): Promise<void>;
}

export interface HostStore {
  /** @throws ConflictError `HOST_NAME_TAKEN` */
  insert(host: Host): Promise<void>;
  findByName(name: string): Promise<Host | undefined>;
  list(): Promise<Host[]>;
  /** Changes the fields given (never the name, kind or id). */
  update(id: string, patch: HostPatch): Promise<void>;
  delete(id: string): Promise<void>;
}

/** The fields of a host an update may change. */
export type HostPatch = Partial<Pick<Host, "webUrl" | "caBundle" | "sshKnownHosts" | "allowPrivateNetwork">> &
  Partial<{ apiUrl: string; graphqlUrl: string }>;

/** The fields of a repository an update may change. */
export type RepositoryPatch = Partial<Omit<Repository, "id" | "createdAt" | "createdBy" | "owner" | "repo">>;

export interface RepositoryStore {
  /** @throws ConflictError `REPOSITORY_ALREADY_REGISTERED` (same host and path, ignoring case), `REPOSITORY_NAME_TAKEN` */
  insert(repository: Repository): Promise<void>;
  findById(id: string): Promise<Repository | undefined>;
  findByName(name: string): Promise<Repository | undefined>;
  list(): Promise<Repository[]>;
  /** One page of the repositories the filter covers, in the order asked, after the cursor (keyset paging, in SQL). */
  listPage(query: RepositoryPageQuery): Promise<Repository[]>;
  /** How many repositories the filter covers, by status. */
  countByStatus(filter: RepositoryFilter): Promise<Record<ConnectionStatus, number>>;
  listByCredential(credentialId: string): Promise<Repository[]>;
  /** How many repositories use each credential (credentials without any are absent): one grouped count, no rows read. */
  countByCredential(): Promise<Map<string, number>>;
  /** The repositories at this path on any host, ignoring case (git's credential requests, `HOST:PATH`), by name. */
  listByPath(path: string): Promise<Repository[]>;
  /** Changes the fields given; `owner` and `repo` follow `path`. */
  update(id: string, patch: RepositoryPatch): Promise<void>;
  delete(id: string): Promise<void>;
  addCheck(check: RepositoryCheck): Promise<void>;
  /** Newest first. */
  listChecks(repositoryId: string, limit: number): Promise<RepositoryCheck[]>;
  /** The statuses stored checks recorded since `since`, and the last one before it, of each repository: one query. */
  listStatusPoints(repositoryIds: readonly string[], since: string): Promise<StatusPoint[]>;
  /** Deletes checks older than `before`, except each repository's newest one (its status at that time). @returns how many */
  pruneChecks(before: string): Promise<number>;
}

/** Per-member credentials for repositories (`repo map`); a mapping goes with its repository, user or credential. */
export interface RepositoryMappingStore {
  /** Sets the user's mapping for the repository, replacing any earlier one. */
  put(mapping: RepositoryMapping): Promise<void>;
  find(repositoryId: string, userId: string): Promise<RepositoryMapping | undefined>;
  /** The user's mappings, for every repository. */
  listByUser(userId: string): Promise<RepositoryMapping[]>;
  listByCredential(credentialId: string): Promise<RepositoryMapping[]>;
  /** @returns false when there was none */
  delete(repositoryId: string, userId: string): Promise<boolean>;
}

/** URL-prefix templates (`credential add … --url-prefix P`), stored normalised (see normaliseUrlPrefix). */
export interface UrlPrefixStore {
  /** Replaces the credential's prefixes. */
  set(credentialId: string, prefixes: string[]): Promise<void>;
  listByCredential(credentialId: string): Promise<string[]>;
  /** The templates whose prefix is one of `prefixes`: one indexed read for a repository URL's keys. */
  findByPrefixes(prefixes: string[]): Promise<{ credentialId: string; prefix: string }[]>;
  /** Every template, by prefix. */
  list(): Promise<{ credentialId: string; prefix: string }[]>;
}

export interface WebhookStore {
  /** @throws ConflictError `WEBHOOK_NAME_TAKEN` */
  insert(webhook: Webhook): Promise<void>;
  findById(id: string): Promise<Webhook | undefined>;
  findByName(name: string): Promise<Webhook | undefined>;
  /** Every webhook, by name. */
  list(): Promise<Webhook[]>;
  /** Deletes the webhook and its delivery log. */
  delete(id: string): Promise<void>;
  /** Stores a re-wrapped secret box (key rotation) if the webhook still has `expectedKekId`. */
  replaceSecretBox(id: string, expectedKekId: string, box: string, kekId: string): Promise<boolean>;
  /** Stores a delivery; false (nothing stored) when the webhook already has one with the same `dedupeKey`. */
  insertDelivery(delivery: WebhookDelivery): Promise<boolean>;
  findDelivery(id: string): Promise<WebhookDelivery | undefined>;
  /** A webhook's deliveries, newest first (by `createdAt`, then id), older than `before` when given. */
  listDeliveries(webhookId: string, limit: number, before?: DeliveryCursor): Promise<WebhookDelivery[]>;
  /** Pending deliveries with `nextAttemptAt <= now`, the longest due first. */
  listDueDeliveries(now: string, limit: number): Promise<WebhookDelivery[]>;
  /**
   * Moves a pending delivery's `nextAttemptAt` from `expected` to `leaseUntil`, so one
   * worker sends it; false when another worker got there first.
   */
  claimDelivery(id: string, expected: string, leaseUntil: string): Promise<boolean>;
  updateDelivery(id: string, patch: DeliveryPatch): Promise<void>;
}

export interface NotificationStore {
  /** Records a notice as sent; false when it already was (the first writer wins). */
  markSent(key: NoticeKey, sentAt: string): Promise<boolean>;
  wasSent(key: NoticeKey): Promise<boolean>;
}

/** Health cycles shared by every instance: cycles by slot, their batches (each recorded once), rate budgets. */
export interface HealthStore {
  /** Creates the cycle of `cycle.slot` with its batches unless it exists (first writer wins); returns the stored one. */
  openCycle(cycle: Omit<HealthCycle, "finishedAt" | "report">, batches: HealthBatch[]): Promise<HealthCycle>;
  findCycle(id: string): Promise<HealthCycle | undefined>;
  /** Newest first; only unfinished ones when `unfinished` is true. */
  listCycles(limit: number, unfinished?: boolean): Promise<HealthCycle[]>;
  /** A cycle's batches by credential, then batch number. */
  listBatches(cycleId: string): Promise<HealthBatch[]>;
  findBatch(key: BatchKey): Promise<HealthBatch | undefined>;
  /** Adds API units spent on a batch, whether or not its result is ever recorded. */
  addUnits(key: BatchKey, units: number): Promise<void>;
  /** Records a pending batch's result and marks it done; false (nothing written) when it was already done. */
  recordBatch(key: BatchKey, result: HealthBatchResult): Promise<boolean>;
  /** Stores the report of a finished cycle; false when another instance already did. */
  finishCycle(id: string, finishedAt: string, report: HealthCycle["report"]): Promise<boolean>;
  /** Deletes all but the newest `keep` cycles (and their batches and changes). */
  pruneCycles(keep: number): Promise<void>;
  /** Records repositories whose status a cycle changed (once per cycle and repository). */
  addChanges(changes: HealthCycleChange[]): Promise<void>;
  /** A cycle's changes by repository name, after `afterName` (keyset paging), at most `limit`. */
  listChanges(cycleId: string, afterName: string | null, limit: number): Promise<HealthCycleChange[]>;
  /** How many repositories a cycle moved to each status. */
  countChanges(cycleId: string): Promise<Record<ConnectionStatus, number>>;
  getBudget(credentialId: string): Promise<CredentialBudget | undefined>;
  putBudget(budget: CredentialBudget): Promise<void>;
}
