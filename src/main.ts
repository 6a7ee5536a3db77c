import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Config } from "./config/load-config.ts";
import type { CoreDeps } from "./core/deps.ts";
import { SealedError } from "./core/errors.ts";
import type { KeyManager } from "./core/crypto/key-manager.ts";
import type { SecretCipher } from "./core/crypto/secret-cipher.ts";
import type { Store } from "./core/storage/store.ts";
import type { GitTransport } from "./core/ports/git-transport.ts";
import { ensureBuiltInHosts } from "./core/hosts/ensure-built-in-hosts.ts";
import { AesGcmCipher } from "./adapters/crypto/aes-gcm-cipher.ts";
import { Keyring } from "./adapters/crypto/keyring.ts";
import { loadMasterKey } from "./adapters/crypto/master-key.ts";
import { masterKeyId } from "./adapters/crypto/master-key-id.ts";
import { hashPassword, verifyPassword } from "./adapters/crypto/password-hasher.ts";
import { SealedCipher } from "./adapters/crypto/sealed-cipher.ts";
import { createLogger } from "./adapters/logging/create-logger.ts";
import { defaultRedactor, installSecretRedaction } from "./adapters/logging/secret-redactor.ts";
import type { DatabaseSchema } from "./adapters/storage/database-schema.ts";
import { KyselyStore } from "./adapters/storage/kysely-store.ts";
import { KyselyStoreFacts } from "./adapters/storage/kysely-store-facts.ts";
import { prepareDataDir } from "./adapters/storage/prepare-data-dir.ts";
import { migrateToLatest } from "./adapters/storage/migrate.ts";
import { openPostgresDatabase } from "./adapters/storage/open-postgres-database.ts";
import { openSqliteDatabase } from "./adapters/storage/open-sqlite-database.ts";
import { guardedFetchForHost } from "./adapters/net/guarded-fetch-for-host.ts";
import { credentialCheckerByKind } from "./integrations/credential-checker-by-kind.ts";
import { StoredCredentialsProvider } from "./integrations/credentials/stored-credentials-provider.ts";
import { GithubAppCredentialsProvider } from "./integrations/credentials/github-app-credentials-provider.ts";
import { GithubAppTokens } from "./integrations/github/app/github-app-tokens.ts";
import type { AppTokenMint } from "./integrations/github/app/app-types.ts";
import { auditAppTokenMint } from "./integrations/github/app/audit-app-token-mint.ts";
import { OpensshKeyInspector } from "./adapters/ssh-keys/openssh-key-inspector.ts";
import { createBuiltInIntegrations } from "./integrations/registry.ts";
import { GitCliTransport } from "./adapters/git/git-cli-transport.ts";
import { SmartHttpProbe } from "./adapters/git/smart-http-probe.ts";
import { PrometheusMetrics } from "./adapters/metrics/prometheus-metrics.ts";
import { FetchWebhookNotifier } from "./adapters/notifier/fetch-webhook-notifier.ts";
import { startDeliveryTimer } from "./adapters/notifier/start-delivery-timer.ts";
import { InProcessHealthJobQueue } from "./adapters/jobs/in-process-health-job-queue.ts";
import { PgBossHealthJobQueue } from "./adapters/jobs/pg-boss-health-job-queue.ts";
import type { HealthJobQueue } from "./core/ports/health-job-queue.ts";

/** The wired-up application: core dependencies, logger, and how to shut down. */
export interface Runtime {
  deps: CoreDeps;
  logger: Logger;
  config: Readonly<Config>;
  sealedReason: string | null;
  close(): Promise<void>;
}

/** Opens the database (SQLite in the data dir, or PostgreSQL) and applies migrations. */
export async function openStore(config: Readonly<Config>, logger?: Logger): Promise<{ store: Store; db: Kysely<DatabaseSchema> }> {
  prepareDataDir(config.dataDir);
  const onIdleError = (error: Error): void => logger?.warn({ err: error }, "a database connection was lost; the pool replaces it");
  const db = config.databaseUrl
    ? openPostgresDatabase(config.databaseUrl, { onIdleError })
    : openSqliteDatabase(join(config.dataDir, "repolink.db"));
  const applied = await migrateToLatest(db);
  if (applied.length > 0) logger?.info({ migrations: applied }, "migrated the database");
  return { store: new KyselyStore(db), db };
}

/**
 * Opens the keyring with the master key; a missing or wrong key gives a sealed cipher, not a crash.
 * With `facts`, the store records which master key seals it, and a sealed store names that key.
 */
export async function openCipher(
  config: Readonly<Config>,
  store: Store,
  logger: Logger,
  facts?: KyselyStoreFacts,
): Promise<{ cipher: SecretCipher; keys: KeyManager }> {
  try {
    const keks = await store.keks.list();
    const expectedKeyId = (await facts?.get("master_key_id")) ?? null;
    const master = withExpectedKey(expectedKeyId, () =>
      loadMasterKey({ keyValue: config.masterKey, keyFile: config.masterKeyFile, dataDir: config.dataDir, mayGenerate: keks.length === 0 }),
    );
    for (const warning of master.warnings) logger.warn(warning);
    if (master.source === "generated")
      logger.info({ file: join(config.dataDir, "master.key") }, "generated a new master key (mode 0600); back it up");
    const keyring = withExpectedKey(expectedKeyId, () => Keyring.open(master.key, keks), masterKeyId(master.key));
    await facts?.recordOnce("master_key_id", masterKeyId(master.key));
    if (keks.length === 0) {
      const kek = keyring.createKek(new Date().toISOString());
      await store.keks.insert(kek);
      // Instances starting together on a new database race here: one key wins, the rest use it.
      await store.keks.activate(kek.id).catch(async (error: unknown) => {
        if (!(await store.keks.list()).some((other) => other.active)) throw error;
      });
      keyring.load(await store.keks.list());
    }
    return { cipher: new AesGcmCipher(keyring), keys: keyring };
  } catch (error) {
    if (!(error instanceof SealedError)) throw error;
    logger.error({ code: error.code }, error.message);
    const sealed = new SealedCipher(error);
    return { cipher: sealed, keys: sealed };
  }
}

/** Runs `open`, adding to a SealedError which master key the store needs (and which one was given). */
function withExpectedKey<T>(expectedKeyId: string | null, open: () => T, givenKeyId?: string): T {
  try {
    return open();
  } catch (error) {
    if (!(error instanceof SealedError) || expectedKeyId === null) throw error;
    const given = givenKeyId === undefined ? "" : `; the key given is ${givenKeyId}`;
    throw new SealedError(`${error.message} This store needs master key ${expectedKeyId}${given}.`, { cause: error });
  }
}

/** The health job queue: pg-boss in the configured PostgreSQL database (its own schema), or in process for SQLite. */
export function createHealthJobQueue(config: Readonly<Config>, logger: Logger): HealthJobQueue {
  if (!config.databaseUrl) return new InProcessHealthJobQueue();
  return new PgBossHealthJobQueue(config.databaseUrl, {
    schema: config.jobsSchema,
    expireInSeconds: config.healthJobExpireSeconds,
    onError: (error) => logger.warn({ err: error }, "the job queue lost its database connection; it retries"),
  });
}

/** The git runner, working under `workDir` (the server's data dir, or the CLI's cache). */
export function createGitTransport(workDir: string, logger?: Logger): GitTransport {
  return new GitCliTransport({ workDir, ...(logger ? { logger } : {}) });
}

/** Builds the runtime from configuration: the composition root. */
export async function openRuntime(config: Readonly<Config>, options: { logDestination?: NodeJS.WritableStream } = {}): Promise<Runtime> {
  const fetchFor = guardedFetchForHost();
  // Each mint is audited (never the token); the deps the audit needs exist once the store is open.
  let auditMint: (mint: AppTokenMint) => Promise<void> = async () => undefined;
  const apps = new GithubAppTokens({ fetchFor, userAgent: "repolink", onMint: (mint) => auditMint(mint) });
  const integrations = createBuiltInIntegrations({ fetchFor, apps });
  installSecretRedaction(defaultRedactor);
  defaultRedactor.addTokenPatterns(integrations.all().flatMap((i) => i.secrets.redactionPatterns));
  const logger = createLogger({
    level: config.logLevel,
    redactor: defaultRedactor,
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  const { store, db } = await openStore(config, logger);
  const { cipher, keys } = await openCipher(config, store, logger, new KyselyStoreFacts(db));
  const deps: CoreDeps = {
    store,
    cipher,
    keys,
    passwords: { hash: hashPassword, verify: verifyPassword },
    now: () => new Date(),
    newId: randomUUID,
    checker: credentialCheckerByKind(integrations),
    integrations,
    credentials: new GithubAppCredentialsProvider(new StoredCredentialsProvider(integrations), apps),
    sshKeys: new OpensshKeyInspector(join(config.dataDir, "git")),
    git: createGitTransport(join(config.dataDir, "git"), logger),
    probe: new SmartHttpProbe({ fetchFor }),
    notifier: new FetchWebhookNotifier({ userAgent: "repolink-webhook" }),
    metrics: new PrometheusMetrics(),
    healthJobs: createHealthJobQueue(config, logger),
  };
  auditMint = (mint) => auditAppTokenMint(deps, mint);
  await ensureBuiltInHosts(deps);
  const stopDeliveries = startDeliveryTimer(deps, logger);
  return {
    deps,
    logger,
    config,
    sealedReason: cipher instanceof SealedCipher ? cipher.reason : null,
    close: async () => {
      stopDeliveries();
      await deps.healthJobs.stop();
      await db.destroy();
    },
  };
}
