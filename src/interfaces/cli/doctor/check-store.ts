import type { Kysely } from "kysely";
import pg from "pg";
import type { Config } from "../../../config/load-config.ts";
import type { Host } from "../../../core/hosts/host.ts";
import { SealedError } from "../../../core/errors.ts";
import { Keyring } from "../../../adapters/crypto/keyring.ts";
import { loadMasterKey } from "../../../adapters/crypto/master-key.ts";
import { masterKeyId } from "../../../adapters/crypto/master-key-id.ts";
import type { DatabaseSchema } from "../../../adapters/storage/database-schema.ts";
import { KyselyHostStore } from "../../../adapters/storage/kysely-host-store.ts";
import { KyselyKekStore } from "../../../adapters/storage/kysely-kek-store.ts";
import { KyselyStoreFacts } from "../../../adapters/storage/kysely-store-facts.ts";
import { appliedMigrations, knownMigrations } from "../../../adapters/storage/migrate.ts";
import { schemaVersionOf } from "../../../adapters/storage/check-schema-version.ts";
import { openPostgresDatabase } from "../../../adapters/storage/open-postgres-database.ts";
import { openSqliteDatabase } from "../../../adapters/storage/open-sqlite-database.ts";
import { fail, ok, warn, type Finding } from "./finding.ts";
import { existsSync } from "node:fs";
import { join } from "node:path";

/** What the store check found, and the hosts to check next. */
export interface StoreReport {
  findings: Finding[];
  hosts: Host[];
}

/**
 * Opens the database without changing it (no migration, no key generated): reachable, its schema
 * version, and whether the configured master key opens it.
 */
export async function checkStore(config: Readonly<Config>): Promise<StoreReport> {
  const unreachable = config.databaseUrl ? await pingPostgres(config.databaseUrl) : missingSqlite(config.dataDir);
  if (unreachable) return { findings: [unreachable], hosts: [] };
  const db = config.databaseUrl ? openPostgresDatabase(config.databaseUrl) : openSqliteDatabase(join(config.dataDir, "repolink.db"));
  try {
    const applied = await appliedMigrations(db);
    const findings = [schemaFinding(applied)];
    if (applied.length === 0) return { findings, hosts: [] };
    findings.push(...(await keyFindings(config, db)));
    return { findings, hosts: await new KyselyHostStore(db).list() };
  } finally {
    await db.destroy();
  }
}

async function pingPostgres(url: string): Promise<Finding | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return undefined;
  } catch (error) {
    const code = (error as { code?: string }).code ?? "error";
    return fail(
      "database",
      `PostgreSQL cannot be reached (${code}).`,
      "Check DATABASE_URL, that PostgreSQL runs, and the password (~/.pgpass).",
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

function missingSqlite(dataDir: string): Finding | undefined {
  const file = join(dataDir, "repolink.db");
  if (existsSync(file)) return undefined;
  return fail("database", `No database at ${file}.`, "Start the server once (repolink serve), or restore a backup (repolink restore).");
}

function schemaFinding(applied: string[]): Finding {
  const version = schemaVersionOf(applied);
  const latest = schemaVersionOf(knownMigrations);
  const unknown = applied.filter((name) => !knownMigrations.includes(name));
  if (unknown.length > 0) {
    return fail(
      "database",
      `Reachable; schema ${version} is newer than this Repolink knows (up to ${latest}).`,
      "Run the Repolink version that upgraded it, or newer.",
    );
  }
  if (version !== latest)
    return warn("database", `Reachable; schema ${version}, ${latest} after the next start.`, "Start the server to migrate.");
  return ok("database", `Reachable; schema ${version} (up to date).`);
}

async function keyFindings(config: Readonly<Config>, db: Kysely<DatabaseSchema>): Promise<Finding[]> {
  const keks = await new KyselyKekStore(db).list();
  const expected = await new KyselyStoreFacts(db).get("master_key_id").catch(() => null);
  const needs = expected ? ` The store needs master key ${expected}.` : "";
  let master;
  try {
    master = loadMasterKey({ keyValue: config.masterKey, keyFile: config.masterKeyFile, dataDir: config.dataDir, mayGenerate: false });
  } catch (error) {
    if (!(error instanceof SealedError)) throw error;
    if (keks.length === 0) return [warn("master key", "No master key yet.", "The server makes one at its first start; back it up then.")];
    return [
      fail("master key", `Sealed: ${error.message}${needs}`, "Give the key with REPOLINK_MASTER_KEY_FILE (or LoadCredential= in systemd)."),
    ];
  }
  const id = masterKeyId(master.key);
  const findings = master.warnings.map((message) => warn("master key", message, "Make the key file readable by its owner only."));
  try {
    Keyring.open(master.key, keks);
    findings.push(ok("master key", `${id} opens the store (${keks.length} key-encryption keys).`));
  } catch (error) {
    if (!(error instanceof SealedError)) throw error;
    findings.push(
      fail("master key", `Sealed: ${id} does not open the store.${needs}`, "Configure the master key this store was made with."),
    );
  }
  return findings;
}
