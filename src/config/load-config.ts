import { resolve } from "node:path";
import { z } from "zod";
import { InputError } from "../core/errors.ts";
import { parsePublicUrl } from "./parse-public-url.ts";
import { parseTrustedProxies } from "./parse-trusted-proxies.ts";

const envSchema = z.object({
  REPOLINK_DATA_DIR: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  REPOLINK_MASTER_KEY: z.string().optional(),
  REPOLINK_MASTER_KEY_FILE: z.string().min(1).optional(),
  REPOLINK_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  REPOLINK_HEALTH_INTERVAL_SECONDS: z.coerce.number().int().min(10).max(86_400).optional(),
  REPOLINK_HEALTH_BUDGET_SHARE: z.coerce.number().gt(0).max(1).optional(),
  REPOLINK_HEALTH_TRANSPORT_EVERY: z.coerce.number().int().min(1).max(96).optional(),
  REPOLINK_HEALTH_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(5).max(30).optional(),
  REPOLINK_JOBS_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a lower-case identifier")
    .optional(),
  REPOLINK_TLS_CERT_FILE: z.string().min(1).optional(),
  REPOLINK_TLS_KEY_FILE: z.string().min(1).optional(),
  REPOLINK_SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).optional(),
  REPOLINK_PUBLIC_URL: z.string().optional(),
  REPOLINK_TRUSTED_PROXIES: z.string().optional(),
  REPOLINK_GATEWAY_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).optional(),
  REPOLINK_GATEWAY_MAX_PUSH_MIB: z.coerce.number().int().min(1).max(1_048_576).optional(),
  REPOLINK_GATEWAY_PACK_CACHE_MIB: z.coerce.number().int().min(0).max(1_048_576).optional(),
});

/** Everything Repolink reads from its environment, normalised and frozen. */
export interface Config {
  dataDir: string;
  databaseUrl: string | null;
  masterKey: string | null;
  masterKeyFile: string | null;
  logLevel: string;
  healthIntervalSeconds: number;
  /** Share of each credential's remaining GitHub rate budget one health cycle may use. */
  healthBudgetShare: number;
  /** Probe a connected repository's Git transport every n-th cycle. */
  healthTransportEvery: number;
  /** How long a health batch job may run before another instance takes it over (PostgreSQL; 5–30 s). */
  healthJobExpireSeconds: number;
  /** The PostgreSQL schema the job queue (pg-boss) keeps its tables in. */
  jobsSchema: string;
  /** PEM certificate chain and key to serve HTTPS with; both or neither. */
  tls: { certFile: string; keyFile: string } | null;
  /** How long a SIGTERM waits for in-flight requests and git operations before it closes them. */
  shutdownTimeoutSeconds: number;
  /** The origin clients use to reach Repolink (behind a proxy), e.g. `https://repolink.example.com`. */
  publicUrl: string | null;
  /** Addresses and CIDRs of reverse proxies whose X-Forwarded-* headers are believed. */
  trustedProxies: readonly string[];
  /**
   * The Git gateway's limits: one request's whole time (upstream ref check and fetch included) and a push's size;
   * `packCacheBytes` caps its pack-objects cache (0: no cache).
   */
  gateway: { timeoutSeconds: number; maxPushBytes: number; packCacheBytes: number };
}

/** Settings given as CLI flags, which win over the environment. */
export interface ConfigOverrides {
  dataDir?: string;
  tlsCertFile?: string;
  tlsKeyFile?: string;
}

/**
 * Reads the environment once. `overrides` come from CLI flags and win over the environment.
 * @throws Error naming the variable that is wrong (never its value: it may be a key)
 * @throws InputError `TLS_CONFIG_INCOMPLETE` when only one of the certificate and the key is given;
 *   `TRUSTED_PROXIES_INVALID`, `PUBLIC_URL_INVALID`
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Readonly<Config> {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Configuration: ${String(issue?.path[0] ?? "environment")} ${issue?.message ?? "is invalid"}`);
  }
  const e = parsed.data;
  const certFile = overrides.tlsCertFile ?? e.REPOLINK_TLS_CERT_FILE;
  const keyFile = overrides.tlsKeyFile ?? e.REPOLINK_TLS_KEY_FILE;
  if ((certFile === undefined) !== (keyFile === undefined)) {
    const missing = certFile === undefined ? "--tls-cert (REPOLINK_TLS_CERT_FILE)" : "--tls-key (REPOLINK_TLS_KEY_FILE)";
    throw new InputError("TLS_CONFIG_INCOMPLETE", `Configuration: ${missing} is missing: TLS needs a certificate and its key.`, "tls");
  }
  return Object.freeze({
    dataDir: resolve(overrides.dataDir ?? e.REPOLINK_DATA_DIR ?? "./data"),
    databaseUrl: e.DATABASE_URL ?? null,
    masterKey: e.REPOLINK_MASTER_KEY?.trim() ? e.REPOLINK_MASTER_KEY : null,
    masterKeyFile: e.REPOLINK_MASTER_KEY_FILE ?? null,
    logLevel: e.REPOLINK_LOG_LEVEL ?? "info",
    healthIntervalSeconds: e.REPOLINK_HEALTH_INTERVAL_SECONDS ?? 900,
    healthBudgetShare: e.REPOLINK_HEALTH_BUDGET_SHARE ?? 0.1,
    healthTransportEvery: e.REPOLINK_HEALTH_TRANSPORT_EVERY ?? 4,
    healthJobExpireSeconds: e.REPOLINK_HEALTH_JOB_EXPIRE_SECONDS ?? 15,
    jobsSchema: e.REPOLINK_JOBS_SCHEMA ?? "repolink_jobs",
    tls: certFile !== undefined && keyFile !== undefined ? Object.freeze({ certFile: resolve(certFile), keyFile: resolve(keyFile) }) : null,
    shutdownTimeoutSeconds: e.REPOLINK_SHUTDOWN_TIMEOUT_SECONDS ?? 30,
    publicUrl: parsePublicUrl(e.REPOLINK_PUBLIC_URL),
    trustedProxies: Object.freeze(parseTrustedProxies(e.REPOLINK_TRUSTED_PROXIES)),
    gateway: Object.freeze({
      timeoutSeconds: e.REPOLINK_GATEWAY_TIMEOUT_SECONDS ?? 600,
      maxPushBytes: (e.REPOLINK_GATEWAY_MAX_PUSH_MIB ?? 2048) * 1024 * 1024,
      packCacheBytes: (e.REPOLINK_GATEWAY_PACK_CACHE_MIB ?? 1024) * 1024 * 1024,
    }),
  });
}
