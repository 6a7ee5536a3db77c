import { loadConfig, type ConfigOverrides } from "../../../config/load-config.ts";
import { healthOptionsOf } from "../../../config/health-options-of.ts";
import { openRuntime } from "../../../main.ts";
import { startHealthScheduler } from "../../../adapters/scheduler/start-health-scheduler.ts";
import { checkPlainHttpAllowed } from "../../http/check-plain-http-allowed.ts";
import { startServer } from "../../http/start-server.ts";
import { writeServerPidFile } from "../../../adapters/storage/server-pid-file.ts";

/** Options of `repolink serve`. */
export interface ServeOptions extends ConfigOverrides {
  host: string;
  port: number;
  insecureHttp?: boolean;
}

/**
 * `repolink serve`: opens the runtime, listens (HTTPS when given a certificate), schedules health
 * cycles, reloads the certificate on SIGHUP and drains in-flight requests on SIGTERM/SIGINT.
 */
export async function serve(opts: ServeOptions): Promise<void> {
  const { host, port, insecureHttp = false, ...overrides } = opts;
  const config = loadConfig(process.env, overrides);
  const { warn } = checkPlainHttpAllowed({ host, tls: config.tls !== null, behindProxy: config.trustedProxies.length > 0, insecureHttp });
  if (warn) {
    process.stderr.write(
      `\nWARNING: --insecure-http: serving plain HTTP on ${host}. Passwords, API tokens and git credentials\n` +
        "WARNING: cross the network in clear. Use --tls-cert/--tls-key or a TLS-terminating reverse proxy.\n\n",
    );
  }
  const runtime = await openRuntime(config);
  // SQLite: `repolink restore` refuses while this record names a live server.
  const removePidFile = config.databaseUrl ? () => undefined : writeServerPidFile(config.dataDir);
  const server = await startServer(runtime, { host, port, tls: config.tls });
  const health = startHealthScheduler(runtime.deps, runtime.logger, {
    intervalSeconds: runtime.config.healthIntervalSeconds,
    health: healthOptionsOf(runtime.config),
  });
  // Signals are handled before the address is announced: whoever waits for it may signal at once.
  process.on("SIGHUP", () => {
    try {
      server.reloadTls();
      if (config.tls) runtime.logger.info({ certFile: config.tls.certFile }, "reloaded the TLS certificate (SIGHUP)");
    } catch (error) {
      runtime.logger.error({ err: error }, "kept the previous TLS certificate: the new one cannot be used");
    }
  });
  const stop = async (signal: string): Promise<void> => {
    const timeoutMs = config.shutdownTimeoutSeconds * 1000;
    runtime.logger.info({ signal, timeoutSeconds: config.shutdownTimeoutSeconds }, "stopping: finishing the requests in flight");
    // Health jobs in hand finish; any still running at the deadline are handed back (runtime.close) for another instance to retry at once.
    const [drained, cycleDone] = await Promise.all([server.close(timeoutMs), withinDeadline(health.stop(), timeoutMs)]);
    if (!drained)
      runtime.logger.warn({ timeoutSeconds: config.shutdownTimeoutSeconds }, "cut off the requests still running at the deadline");
    if (!cycleDone) runtime.logger.warn("handed the health jobs still running back to the other instances");
    await runtime.close();
    removePidFile();
    process.exit(drained ? 0 : 1);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
  runtime.logger.info(
    { url: server.url, dataDir: runtime.config.dataDir, database: runtime.config.databaseUrl ? "postgresql" : "sqlite" },
    "repolink listening",
  );
  if (warn) runtime.logger.warn({ host }, "serving plain HTTP to the network (--insecure-http)");
  process.stdout.write(`Repolink is listening on ${server.url}\n`);
  if (config.publicUrl) process.stdout.write(`Clients reach it at ${config.publicUrl}\n`);
  if (runtime.sealedReason) process.stdout.write(`WARNING: the credential store is sealed: ${runtime.sealedReason}\n`);
  if (server.setupCode) {
    process.stdout.write(
      `\nNo admin yet. One-time setup code: ${server.setupCode}\n` +
        `Open ${config.publicUrl ?? server.url}/ and enter it, or run: repolink admin create --username <name> --password-stdin\n\n`,
    );
  }
}

function withinDeadline(work: Promise<void>, timeoutMs: number): Promise<boolean> {
  return Promise.race([work.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref())]);
}
