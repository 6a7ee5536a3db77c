import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../../../config/load-config.ts";

/** The resolved configuration as doctor prints it: where things come from, never a secret. */
export function describeConfiguration(config: Readonly<Config>): Record<string, string> {
  return {
    dataDir: config.dataDir,
    database: config.databaseUrl ? describePostgres(config.databaseUrl) : `SQLite ${join(config.dataDir, "repolink.db")}`,
    masterKey: describeKeySource(config),
    publicUrl: config.publicUrl ?? "not set (REPOLINK_PUBLIC_URL)",
    tls: config.tls ? `certificate ${config.tls.certFile}, key ${config.tls.keyFile}` : "off (plain HTTP)",
    trustedProxies: config.trustedProxies.length > 0 ? config.trustedProxies.join(", ") : "none (X-Forwarded-* ignored)",
    shutdownTimeout: `${config.shutdownTimeoutSeconds} s`,
  };
}

function describePostgres(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const user = decodeURIComponent(url.username) || "(default)";
  const password = url.password ? "given in DATABASE_URL (not shown)" : "from PGPASSWORD or ~/.pgpass";
  url.username = "";
  url.password = "";
  return `PostgreSQL ${url.toString()}, user ${user}, password ${password}`;
}

function describeKeySource(config: Readonly<Config>): string {
  if (config.masterKey !== null) return "REPOLINK_MASTER_KEY (environment variable)";
  if (config.masterKeyFile !== null) return `file ${config.masterKeyFile} (REPOLINK_MASTER_KEY_FILE)`;
  const file = join(config.dataDir, "master.key");
  return existsSync(file) ? `file ${file} (in the data dir)` : `none yet (the server would create ${file})`;
}
