import type { AuditEvent } from "../../src/core/audit/audit-event.ts";
import type { StoredAppManifestState } from "../../src/core/credentials/app-manifest/app-manifest-start.ts";
import type { Credential } from "../../src/core/credentials/credential.ts";
import type { WrappedKek } from "../../src/core/crypto/secret-cipher.ts";
import { UpstreamError } from "../../src/core/errors.ts";
import type { Host } from "../../src/core/hosts/host.ts";
import { emptyHealthState, type MemoryHealthState } from "./store-memory-health.ts";
import type { Webhook, WebhookDelivery } from "../../src/core/notifications/webhook.ts";
import type { Repository, RepositoryCheck } from "../../src/core/repositories/repository.ts";
import type { RepositoryMapping } from "../../src/core/repositories/repository-mapping.ts";
import type { ApiToken, Session, User } from "../../src/core/users/user.ts";

/** Everything a MemoryStore holds; replaced wholesale when a transaction rolls back. */
export interface MemoryState {
  users: Map<string, User>;
  sessions: Map<string, Session>;
  apiTokens: Map<string, ApiToken>;
  credentials: Map<string, Credential>;
  audit: Map<string, AuditEvent>;
  keks: Map<string, WrappedKek>;
  hosts: Map<string, Host>;
  repositories: Map<string, Repository>;
  checks: Map<string, RepositoryCheck>;
  /** By `repositoryId/userId`. */
  mappings: Map<string, RepositoryMapping>;
  /** By `credentialId prefix`. */
  urlPrefixes: Map<string, { credentialId: string; prefix: string }>;
  webhooks: Map<string, Webhook>;
  deliveries: Map<string, WebhookDelivery>;
  /** Sent notices by `credentialId/secretVersion/threshold`, valued by when. */
  notices: Map<string, string>;
  health: MemoryHealthState;
  /** By state hash. */
  appManifestStates: Map<string, StoredAppManifestState>;
}

/** A fresh, empty state. */
export function emptyMemoryState(): MemoryState {
  return {
    users: new Map(),
    sessions: new Map(),
    apiTokens: new Map(),
    credentials: new Map(),
    audit: new Map(),
    keks: new Map(),
    hosts: new Map(),
    repositories: new Map(),
    checks: new Map(),
    mappings: new Map(),
    urlPrefixes: new Map(),
    webhooks: new Map(),
    deliveries: new Map(),
    notices: new Map(),
    health: emptyHealthState(),
    appManifestStates: new Map(),
  };
}

/** A deep copy, so callers never share objects with the store. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}

/** The same refusal a database gives for a broken key or reference (`STORAGE_FAILED`). */
export function storageFailed(message: string): UpstreamError {
  return new UpstreamError("STORAGE_FAILED", `The database refused the write: ${message}`);
}

/** Adds `value` under `key`, refusing a duplicate primary key like a database would. */
export function insertNew<T>(map: Map<string, T>, key: string, value: T): void {
  if (map.has(key)) throw storageFailed(`duplicate primary key "${key}"`);
  map.set(key, copy(value));
}

/** Refuses a reference to a row that does not exist (a foreign key). */
export function requireRow(map: Map<string, unknown>, id: string | null, what: string): void {
  if (id !== null && !map.has(id)) throw storageFailed(`foreign key: no ${what} "${id}"`);
}

/** Copies the defined fields of `patch` onto `target`. */
export function applyPatch<T extends object>(target: T, patch: Partial<T>): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) (target as Record<string, unknown>)[key] = copy(value);
  }
}

/** Sorts copies of `items` by text keys in code-point order (as the Kysely store does). */
export function sortCopies<T>(items: Iterable<T>, ...keys: ((item: T) => string)[]): T[] {
  return [...items].map(copy).sort((a, b) => {
    for (const key of keys) {
      const x = key(a);
      const y = key(b);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
}
