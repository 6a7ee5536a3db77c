import type { Command } from "commander";
import { loadConfig } from "../../../config/load-config.ts";
import { systemActor } from "../../../core/access/actor.ts";
import { createUser, userView } from "../../../core/users/create-user.ts";
import { openRuntime } from "../../../main.ts";
import { startHealthScheduler } from "../../../adapters/scheduler/start-health-scheduler.ts";
import { startServer } from "../../http/start-server.ts";
import { CliError, exitCodes } from "../cli-error.ts";
import { wantsJson } from "../command-context.ts";
import { printResult } from "../output.ts";
import { readStdin } from "../read-secret.ts";

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError("PORT_INVALID", "--port must be a whole number from 0 to 65535.", exitCodes.usage, { field: "port" });
  return port;
}

/** Commands that run on the server machine itself: `serve` and `admin create`. */
export function registerLocalCommands(program: Command): void {
  program
    .command("serve")
    .description("Run the Repolink server (SQLite in the data dir unless DATABASE_URL is set)")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--port <port>", "port to listen on", "8080")
    .option("--data-dir <dir>", "where the database and master key live (default ./data)")
    .action(async (opts: { host: string; port: string; dataDir?: string }) => {
      const port = parsePort(opts.port);
      const runtime = await openRuntime(loadConfig(process.env, opts.dataDir ? { dataDir: opts.dataDir } : {}));
      const server = await startServer(runtime, { host: opts.host, port });
      const health = startHealthScheduler(runtime.deps, runtime.logger, {
        intervalSeconds: runtime.config.healthIntervalSeconds,
        health: { budgetShare: runtime.config.healthBudgetShare, transportEvery: runtime.config.healthTransportEvery },
      });
      runtime.logger.info({ url: server.url, dataDir: runtime.config.dataDir, database: runtime.config.databaseUrl ? "postgresql" : "sqlite" }, "repolink listening");
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
    });

  program
    .command("admin")
    .description("Offline administration on the server machine")
    .command("create")
    .description("Create an admin account directly in the database (bootstrap)")
    .requiredOption("--username <username>", "the admin's username")
    .option("--password-stdin", "read the password from stdin (the only way to give it)")
    .option("--data-dir <dir>", "the server's data dir (default ./data)")
    .action(async (opts: { username: string; dataDir?: string }, command: Command) => {
      const password = await readStdin("password");
      const runtime = await openRuntime(loadConfig(process.env, opts.dataDir ? { dataDir: opts.dataDir } : {}));
      try {
        const user = await createUser(runtime.deps, systemActor, { username: opts.username, password, role: "admin" });
        printResult(wantsJson(command), { user: userView(user) }, () => `Created admin ${user.username}.`);
      } finally {
        await runtime.close();
      }
    });
}
