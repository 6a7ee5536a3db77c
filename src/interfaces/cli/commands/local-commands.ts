import type { Command } from "commander";
import { CliError, exitCodes } from "../cli-error.ts";
import { wantsJson } from "../command-context.ts";
import { readStdin } from "../read-secret.ts";

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError("PORT_INVALID", "--port must be a whole number from 0 to 65535.", exitCodes.usage, { field: "port" });
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
    .option("--tls-cert <file>", "serve HTTPS with this PEM certificate chain (or REPOLINK_TLS_CERT_FILE)")
    .option("--tls-key <file>", "the certificate's PEM private key (or REPOLINK_TLS_KEY_FILE)")
    .option("--insecure-http", "allow plain HTTP on a non-loopback address (credentials travel in clear)")
    .action(async (opts: { host: string; port: string; dataDir?: string; tlsCert?: string; tlsKey?: string; insecureHttp?: boolean }) => {
      const port = parsePort(opts.port);
      const { serve } = await import("../actions/serve.ts");
      await serve({
        host: opts.host,
        port,
        insecureHttp: opts.insecureHttp === true,
        ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
        ...(opts.tlsCert ? { tlsCertFile: opts.tlsCert } : {}),
        ...(opts.tlsKey ? { tlsKeyFile: opts.tlsKey } : {}),
      });
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
      const { adminCreate } = await import("../actions/admin-create.ts");
      await adminCreate({
        username: opts.username,
        password,
        json: wantsJson(command),
        ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
      });
    });
}
