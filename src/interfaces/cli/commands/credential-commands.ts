import type { Command } from "commander";
import { CliError, exitCodes } from "../cli-error.ts";
import { commandContext } from "../command-context.ts";
import { formatTable, printResult } from "../output.ts";
import { readSecretFile, readStdin } from "../read-secret.ts";

type CredentialView = Record<string, unknown> & { name: string; preview: string; fingerprint: string; dependents?: string[] };

function describe(c: CredentialView): string {
  const lines = [
    `name:         ${c.name}`,
    `type:         ${String(c.type)}   scope: ${String(c.scope)}   host: ${String(c.host)}`,
    `username:     ${String(c.username ?? "-")}`,
    `secret:       ${c.preview}   (${c.fingerprint}, version ${String(c.version)})`,
    `status:       ${String(c.status)}${c.expiresAt ? `   expires ${String(c.expiresAt)}` : ""}`,
  ];
  const problems = (c.validation as { problems?: { severity: string; message: string; remedy: string }[] } | null)?.problems ?? [];
  for (const p of problems) lines.push(`${p.severity}:      ${p.message}\n              → ${p.remedy}`);
  if (c.dependents) lines.push(`used by:      ${c.dependents.length ? c.dependents.join(", ") : "(no repositories)"}`);
  return lines.join("\n");
}

type RotationResult = {
  repository: string;
  status: string;
  reasonCode: string | null;
  message: string;
  remedy: string | null;
  blocking?: boolean;
};

function describeRotation(repositories: RotationResult[]): string {
  if (repositories.length === 0) return "No repository uses this credential.";
  return repositories
    .map(
      (r) =>
        `${r.blocking ? "✗" : "✓"} ${r.repository}: ${r.status}${r.reasonCode ? ` (${r.reasonCode})` : ""} — ${r.message}${r.remedy && r.blocking ? `\n    → ${r.remedy}` : ""}`,
    )
    .join("\n");
}

/** `repolink credential …`: the credential manager from the command line. */
export function registerCredentialCommands(program: Command): void {
  const credential = program.command("credential").description("Manage stored credentials (secrets are write-only)");

  credential
    .command("add")
    .description("Store a credential; the secret is read from stdin or a file, never from a flag")
    .requiredOption("--name <name>", "a name to refer to it by")
    .option("--type <type>", "token or ssh-key", "token")
    .option("--username <username>", "the username to send with the token")
    .option("--secret-stdin", "read the token or password from stdin")
    .option("--key-file <file>", "the SSH private key (for --type ssh-key)")
    .option("--passphrase-stdin", "read the SSH key's passphrase from stdin")
    .option("--scope <scope>", "global (admins) or private")
    .option("--host <name>", "the host it is bound to (see `repolink host list`)")
    .option("--no-validate", "store without checking it online")
    .action(async (opts: Record<string, string | boolean | undefined>, command: Command) => {
      const { json, api } = commandContext(command);
      const body: Record<string, unknown> = {
        name: opts.name,
        type: opts.type,
        validate: opts.validate !== false,
        ...(opts.scope ? { scope: opts.scope } : {}),
        ...(opts.host ? { host: opts.host } : {}),
        ...(opts.username ? { username: opts.username } : {}),
      };
      if (opts.type === "ssh-key") {
        if (typeof opts.keyFile !== "string")
          throw new CliError("SSH_KEY_REQUIRED", "--key-file is required for --type ssh-key.", exitCodes.usage, { field: "key-file" });
        body.privateKey = readSecretFile(opts.keyFile, "key-file");
        if (opts.passphraseStdin) body.passphrase = await readStdin("passphrase");
      } else if (opts.type === "token") {
        if (!opts.secretStdin)
          throw new CliError("SECRET_REQUIRED", "Pass the token on stdin with --secret-stdin (never as a flag value).", exitCodes.usage, {
            field: "secret",
          });
        body.secret = await readStdin("secret");
      } else {
        throw new CliError("TYPE_INVALID", "--type must be token or ssh-key.", exitCodes.usage, { field: "type" });
      }
      const result = await api.request<{ credential: CredentialView }>("POST", "/credentials", body);
      printResult(json, result.credential, () => `Stored credential "${result.credential.name}".\n${describe(result.credential)}`);
    });

  credential
    .command("list")
    .description("List the credentials you may use")
    .action(async (_opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      const { items } = await api.request<{ items: CredentialView[] }>("GET", "/credentials");
      printResult(json, items, () =>
        formatTable(
          ["NAME", "TYPE", "SCOPE", "HOST", "SECRET", "STATUS", "EXPIRES", "USED BY"],
          items.map((c) => [
            c.name,
            String(c.type),
            String(c.scope),
            String(c.host),
            c.preview,
            String(c.status),
            (c.expiresAt as string | null)?.slice(0, 10),
            c.dependents?.length ?? 0,
          ]),
        ),
      );
    });

  credential
    .command("show <name>")
    .description("Show one credential")
    .action(async (name: string, _opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      const { credential: c } = await api.request<{ credential: CredentialView }>("GET", `/credentials/${encodeURIComponent(name)}`);
      printResult(json, c, () => describe(c));
    });

  credential
    .command("validate <name>")
    .description("Check a credential online now")
    .action(async (name: string, _opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      const result = await api.request<{ credential: CredentialView; result: { status: string } }>(
        "POST",
        `/credentials/${encodeURIComponent(name)}/validate`,
      );
      printResult(json, result, () => describe(result.credential));
      if (result.result.status === "invalid") process.exitCode = exitCodes.checkFailing;
    });

  credential
    .command("update <name>")
    .description("Replace a credential's secret in place (read from stdin)")
    .option("--secret-stdin", "read the new token or password from stdin")
    .option("--key-file <file>", "the new SSH private key")
    .option("--passphrase-stdin", "read the new SSH key's passphrase from stdin")
    .option("--username <username>", "change the username")
    .option("--rename <name>", "change the name")
    .option("--safe", "check the new secret against every repository using it first; change nothing if any would break")
    .option("--no-validate", "do not check the new secret online")
    .action(async (name: string, opts: Record<string, string | boolean | undefined>, command: Command) => {
      const { json, api } = commandContext(command);
      const body: Record<string, unknown> = { validate: opts.validate !== false, ...(opts.safe ? { safe: true } : {}) };
      if (opts.secretStdin) body.secret = await readStdin("secret");
      if (typeof opts.keyFile === "string") body.privateKey = readSecretFile(opts.keyFile, "key-file");
      if (opts.passphraseStdin) body.passphrase = await readStdin("passphrase");
      if (typeof opts.username === "string") body.username = opts.username;
      if (typeof opts.rename === "string") body.name = opts.rename;
      let result: { credential: CredentialView; rotation?: { repositories: RotationResult[] } };
      try {
        result = await api.request("PATCH", `/credentials/${encodeURIComponent(name)}`, body);
      } catch (error) {
        if (error instanceof CliError && error.code === "ROTATION_REFUSED") {
          const repositories = (error.details?.repositories ?? []) as RotationResult[];
          if (!json) printResult(false, null, () => describeRotation(repositories));
          throw new CliError(error.code, error.message, exitCodes.checkFailing, error.details ? { details: error.details } : {});
        }
        throw error;
      }
      printResult(
        json,
        result,
        () =>
          `Updated credential "${result.credential.name}".\n${describe(result.credential)}${result.rotation ? `\n${describeRotation(result.rotation.repositories)}` : ""}`,
      );
    });

  credential
    .command("delete <name>")
    .description("Delete a credential (refused while repositories use it, unless --force)")
    .option("--force", "delete even if repositories use it; they turn failing")
    .action(async (name: string, opts: { force?: boolean }, command: Command) => {
      const { json, api } = commandContext(command);
      await api.request("DELETE", `/credentials/${encodeURIComponent(name)}${opts.force ? "?force=true" : ""}`);
      printResult(json, { deleted: name }, () => `Deleted credential "${name}".`);
    });
}
