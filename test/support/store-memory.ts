import type {
  ApiTokenStore,
  AppManifestStateStore,
  HealthStore,
  AuditStore,
  CredentialStore,
  HostStore,
  KekStore,
  NotificationStore,
  RepositoryMappingStore,
  RepositoryStore,
  SessionStore,
  UrlPrefixStore,
  Store,
  UserStore,
  WebhookStore,
} from "../../src/core/storage/store.ts";
import { memoryAppManifestStateStore } from "./store-memory-app-manifest-states.ts";
import { memoryCredentialStore, memoryKekStore } from "./store-memory-credentials.ts";
import { memoryHealthStore } from "./store-memory-health.ts";
import {
  memoryAuditStore,
  memoryHostStore,
  memoryMappingStore,
  memoryRepositoryStore,
  memoryUrlPrefixStore,
} from "./store-memory-repositories.ts";
import { copy, emptyMemoryState, type MemoryState } from "./store-memory-state.ts";
import { memoryNotificationStore, memoryWebhookStore } from "./store-memory-webhooks.ts";
import { memoryApiTokenStore, memorySessionStore, memoryUserStore } from "./store-memory-users.ts";

/**
 * A hand-written in-memory Store for core tests; passes the same contract suite as the
 * Kysely store. Transactions run one at a time and restore a snapshot when `work` throws.
 */
export class MemoryStore implements Store {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly apiTokens: ApiTokenStore;
  readonly credentials: CredentialStore;
  readonly audit: AuditStore;
  readonly keks: KekStore;
  readonly hosts: HostStore;
  readonly repositories: RepositoryStore;
  readonly mappings: RepositoryMappingStore;
  readonly urlPrefixes: UrlPrefixStore;
  readonly webhooks: WebhookStore;
  readonly notifications: NotificationStore;
  readonly health: HealthStore;
  readonly appManifestStates: AppManifestStateStore;
  readonly #state: MemoryState;
  readonly #inTransaction: boolean;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(state: MemoryState = emptyMemoryState(), inTransaction = false) {
    this.#state = state;
    this.#inTransaction = inTransaction;
    this.users = memoryUserStore(state);
    this.sessions = memorySessionStore(state);
    this.apiTokens = memoryApiTokenStore(state);
    this.credentials = memoryCredentialStore(state);
    this.audit = memoryAuditStore(state);
    this.keks = memoryKekStore(state);
    this.hosts = memoryHostStore(state);
    this.repositories = memoryRepositoryStore(state);
    this.mappings = memoryMappingStore(state);
    this.urlPrefixes = memoryUrlPrefixStore(state);
    this.webhooks = memoryWebhookStore(state);
    this.notifications = memoryNotificationStore(state);
    this.health = memoryHealthStore(state);
    this.appManifestStates = memoryAppManifestStateStore(state);
  }

  /** Runs `work` alone; its writes are undone if it throws. Nested calls join the running one. */
  async transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    if (this.#inTransaction) return work(this);
    const run = this.#queue.then(async () => {
      const snapshot = copy(this.#state);
      try {
        return await work(new MemoryStore(this.#state, true));
      } catch (error) {
        Object.assign(this.#state, snapshot);
        throw error;
      }
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {}
}
