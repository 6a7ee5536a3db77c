import type { Kysely } from "kysely";
import type {
  ApiTokenStore,
  AppManifestStateStore,
  HealthStore,
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
} from "../../core/storage/store.ts";
import type { DatabaseSchema } from "./database-schema.ts";
import { KyselyApiTokenStore } from "./kysely-api-token-store.ts";
import { KyselyAppManifestStateStore } from "./kysely-app-manifest-state-store.ts";
import { KyselyAuditStore } from "./kysely-audit-store.ts";
import { KyselyCredentialStore } from "./kysely-credential-store.ts";
import { KyselyHealthStore } from "./kysely-health-store.ts";
import { KyselyHostStore } from "./kysely-host-store.ts";
import { KyselyKekStore } from "./kysely-kek-store.ts";
import { KyselyNotificationStore } from "./kysely-notification-store.ts";
import { KyselyRepositoryMappingStore } from "./kysely-repository-mapping-store.ts";
import { KyselyRepositoryStore } from "./kysely-repository-store.ts";
import { KyselyUrlPrefixStore } from "./kysely-url-prefix-store.ts";
import { KyselySessionStore } from "./kysely-session-store.ts";
import { KyselyUserStore } from "./kysely-user-store.ts";
import { KyselyWebhookStore } from "./kysely-webhook-store.ts";

/**
 * The Store over Kysely, for SQLite and PostgreSQL alike; build it from
 * openSqliteDatabase or openPostgresDatabase after migrateToLatest.
 */
export class KyselyStore implements Store {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly apiTokens: ApiTokenStore;
  readonly credentials: CredentialStore;
  readonly audit: KyselyAuditStore;
  readonly keks: KekStore;
  readonly hosts: HostStore;
  readonly repositories: RepositoryStore;
  readonly mappings: RepositoryMappingStore;
  readonly urlPrefixes: UrlPrefixStore;
  readonly webhooks: WebhookStore;
  readonly notifications: NotificationStore;
  readonly health: HealthStore;
  readonly appManifestStates: AppManifestStateStore;
  readonly #db: Kysely<DatabaseSchema>;

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db;
    this.users = new KyselyUserStore(db);
    this.sessions = new KyselySessionStore(db);
    this.apiTokens = new KyselyApiTokenStore(db);
    this.credentials = new KyselyCredentialStore(db);
    this.audit = new KyselyAuditStore(db);
    this.keks = new KyselyKekStore(db);
    this.hosts = new KyselyHostStore(db);
    this.repositories = new KyselyRepositoryStore(db);
    this.mappings = new KyselyRepositoryMappingStore(db);
    this.urlPrefixes = new KyselyUrlPrefixStore(db);
    this.webhooks = new KyselyWebhookStore(db);
    this.notifications = new KyselyNotificationStore(db);
    this.health = new KyselyHealthStore(db);
    this.appManifestStates = new KyselyAppManifestStateStore(db);
  }

  /**
   * Runs `work` in one transaction (joining the current one when nested). Inside `work`
   * use only `tx`: on SQLite the outer store waits for the transaction's connection.
   */
  async transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    if (this.#db.isTransaction) return work(this);
    return this.#db.transaction().execute((trx) => work(new KyselyStore(trx)));
  }

  /** Closes the database (a no-op on a transaction's store). */
  async close(): Promise<void> {
    if (this.#db.isTransaction) return;
    // Audit events still waiting for their shared commit are written first.
    await this.audit.settled();
    await this.#db.destroy();
  }
}
