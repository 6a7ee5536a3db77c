import { loadConfig } from "../../../config/load-config.ts";
import { healthOptionsOf } from "../../../config/health-options-of.ts";
import { openRuntime } from "../../../main.ts";
import { startHealthScheduler } from "../../../adapters/scheduler/start-health-scheduler.ts";
import { startServer } from "../../http/start-server.ts";

/** `repolink serve`: opens the runtime, listens, schedules health cycles and stops cleanly on SIGTERM/SIGINT. */
export async function serve(opts: { host: string; port: number; dataDir?: string }): Promise<void> {
  const runtime = await openRuntime(loadConfig(process.env, opts.dataDir ? { dataDir: opts.dataDir } : {}));
  const server = await startServer(runtime, { host: opts.host, port: opts.port });
  const health = startHealthScheduler(runtime.deps, runtime.logger, {
    intervalSeconds: runtime.config.healthIntervalSeconds,
    health: healthOptionsOf(runtime.config),
  });
  runtime.logger.info(
    { url: server.url, dataDir: runtime.config.dataDir, database: runtime.config.databaseUrl ? "postgresql" : "sqlite" },
    "repolink listening",
  );
  process.stdout.write(`Repolink is listening on ${server.url}\n`);
  if (runtime.sealedReason) process.stdout.write(`WARNING: the credential store is sealed: ${runtime.sealedReason}\n`);
  if (server.setupCode) {
    process.stdout.write(
      `\nNo admin yet. One-time setup code: ${server.setupCode}\n` +
        `Open ${server.url}/ and enter it, or run: repolink admin create --username <name> --password-stdin\n\n`,
    );
  }
  const stop = async (): Promise<void> => {
    await server.close();
    await health.stop();
    await runtime.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop());
  process.once("SIGINT", () => void stop());
}
