import type { Command } from "commander";
import { CliError, exitCodes } from "../cli-error.ts";
import { commandContext } from "../command-context.ts";
import { formatTable, printResult } from "../output.ts";
import { readSecretFile, readStdin } from "../read-secret.ts";

import type { ApiRequest } from "../../../contract/api-types.ts";
import type { CredentialProblem, CredentialView } from "../../../contract/views/credential-views.ts";
import { collectOption } from "../collect-option.ts";

const NAMES_SHOWN = 5;

/** "3 repositories: a, b, c" — the first few names when known, and where to see the rest. */
function usedBy(count: number, firstNames: string[], credential: string): string {
  if (count === 0) return "(no repositories)";
  const noun = `${count} ${count === 1 ? "repository" : "repositories"}`;
  if (firstNames.length === 0) return noun;
  const more = count > firstNames.length ? `, … (all: repolink repo list --credential ${credential})` : "";
  return `${noun}: ${firstNames.join(", ")}${more}`;
}

function describe(c: CredentialView, firstNames: string[] = []): string {
  const lines = [
    `name:         ${c.name}`,
    `type:         ${c.type}   scope: ${c.scope}   host: ${c.host}`,
    `username:     ${c.username ?? "-"}`,
    ...(typeof c.validation?.tokenType === "string" ? [`token type:   ${c.validation.tokenType}`] : []),
    `secret:       ${c.preview}   (${c.fingerprint}, version ${c.version})`,
    `status:       ${c.status}${c.expiresAt ? `   expires ${c.expiresAt}` : ""}`,
    `release:      ${c.release}`,
  ];
  // The stored validation is the last check's facts; its problems are what the check found.
  const problems = (c.validation as { problems?: CredentialProblem[] } | null)?.problems ?? [];
  for (const p of problems) lines.push(`${p.severity}:      ${p.message}\n              → ${p.remedy}`);
  if (c.usedByCount !== undefined) lines.push(`used by:      ${usedBy(c.usedByCount, firstNames, c.name)}`);
  if (c.urlPrefixes?.length) lines.push(`templates:    ${c.urlPrefixes.join(", ")}`);
  return lines.join("\n");
}

function prefixesOf(opts: Record<string, unknown>): string[] {
  return Array.isArray(opts.urlPrefix) ? (opts.urlPrefix as string[]) : [];
}

type RotationResult = {
  repository: string;
  before?: { status: string; reasonCode: string | null };
  status: string;
  reasonCode: string | null;
  message: string;
  remedy: string | null;
  blocking?: boolean;
};

const statusWithReason = (status: string, reasonCode: string | null) => `${status}${reasonCode ? ` (${reasonCode})` : ""}`;

/** One line per repository: its status before → with the new secret; ✗ marks one that fails with it or gets worse. */
function describeRotation(repositories: RotationResult[]): string {
  if (repositories.length === 0) return "No repository uses this credential.";
  return repositories
    .map(
      (r) =>
        `${r.blocking ? "✗" : "✓"} ${r.repository}: ` +
        `${r.before ? `${statusWithReason(r.before.status, r.before.reasonCode)} → ` : ""}${statusWithReason(r.status, r.reasonCode)}` +
        ` — ${r.message}${r.remedy && r.blocking ? `\n    → ${r.remedy}` : ""}`,
    )
    .join("\n");
}

/** `--release`: where the secret may go. @throws CliError `INPUT_INVALID` (exit 2) for another word */
function releaseOption(value: string): "helper" | "gateway-only" {
  if (value === "helper" || value === "gateway-only") return value;
  throw new CliError("INPUT_INVALID", "--release must be helper or gateway-only.", exitCodes.usage, { field: "release" });
}

/** `repolink credential …`: the credential manager from the command line. */
export function registerCredentialCommands(program: Command): void {
  const credential = program.command("credential").description("Manage stored credentials (secrets are write-only)");

  credential
    .command("add")
    .description("Store a credential; the secret is read from stdin or a file, never from a flag")
    .requiredOption("--name <name>", "a name to refer to it by")
    .option("--type <type>", "token, ssh-key or github-app", "token")
    .option("--username <username>", "the username to send with the token")
    .option("--secret-stdin", "read the token or password from stdin")
    .option("--key-file <file>", "the SSH private key (for --type ssh-key)")
    .option("--passphrase-stdin", "read the SSH key's passphrase from stdin")
    .option("--app-id <id>", "the GitHub App's ID or client ID (for --type github-app)")
    .option("--private-key-file <file>", "the GitHub App's private key, the .pem GitHub downloaded (for --type github-app)")
    .option("--installation-id <id>", "the App's installation to use (default: found per repository owner)")
    .option("--scope <scope>", "global (admins) or private")
    .option("--host <name>", "the host it is bound to (see `repolink host list`)")
    .option(
      "--url-prefix <prefix>",
      "a URL-prefix template (repeatable): repositories under it without a credential use this one",
      collectOption,
      [],
    )
    .option("--no-validate", "store without checking it online")
    .option("--release <release>", "helper (default) or gateway-only: the secret never leaves the server (admins)")
    .action(async (opts: Record<string, string | boolean | undefined>, command: Command) => {
      const { json, api } = commandContext(command);
      const type = opts.type;
      const body: ApiRequest<"POST /credentials">["body"] = {
        name: String(opts.name),
        type: type === "ssh-key" ? "ssh-key" : type === "github-app" ? "github-app" : "token",
        validate: opts.validate !== false,
        // The server says which scope is wrong; the CLI passes the word on as given.
        ...(opts.scope ? { scope: opts.scope as "global" } : {}),
        ...(typeof opts.host === "string" ? { host: opts.host } : {}),
        ...(typeof opts.username === "string" ? { username: opts.username } : {}),
        ...(typeof opts.release === "string" ? { release: releaseOption(opts.release) } : {}),
        ...(prefixesOf(opts).length > 0 ? { urlPrefixes: prefixesOf(opts) } : {}),
      };
      if (type === "ssh-key") {
        if (typeof opts.keyFile !== "string")
          throw new CliError("SSH_KEY_REQUIRED", "--key-file is required for --type ssh-key.", exitCodes.usage, { field: "key-file" });
        body.privateKey = readSecretFile(opts.keyFile, "key-file");
        if (opts.passphraseStdin) body.passphrase = await readStdin("passphrase");
      } else if (type === "github-app") {
        if (typeof opts.appId !== "string")
          throw new CliError("APP_ID_INVALID", "--app-id is required for --type github-app.", exitCodes.usage, { field: "app-id" });
        if (typeof opts.privateKeyFile !== "string")
          throw new CliError("APP_KEY_REQUIRED", "--private-key-file is required for --type github-app.", exitCodes.usage, {
            field: "private-key-file",
          });
        body.appId = opts.appId;
        body.privateKey = readSecretFile(opts.privateKeyFile, "private-key-file");
        if (typeof opts.installationId === "string") body.installationId = opts.installationId;
      } else if (type === "token") {
        if (!opts.secretStdin)
          throw new CliError("SECRET_REQUIRED", "Pass the token on stdin with --secret-stdin (never as a flag value).", exitCodes.usage, {
            field: "secret",
          });
        body.secret = await readStdin("secret");
      } else {
        throw new CliError("TYPE_INVALID", "--type must be token, ssh-key or github-app.", exitCodes.usage, { field: "type" });
      }
      const result = await api.call("POST /credentials", { body });
      printResult(json, result.credential, () => `Stored credential "${result.credential.name}".\n${describe(result.credential)}`);
    });

  credential
    .command("list")
    .description("List the credentials you may use")
    .action(async (_opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      const { items } = await api.call("GET /credentials", {});
      printResult(json, items, () =>
        formatTable(
          ["NAME", "TYPE", "SCOPE", "HOST", "SECRET", "STATUS", "EXPIRES", "USED BY"],
          items.map((c) => [c.name, c.type, c.scope, c.host, c.preview, c.status, c.expiresAt?.slice(0, 10), c.usedByCount ?? 0]),
        ),
      );
    });

  credential
    .command("show <name>")
    .description("Show one credential")
    .action(async (name: string, _opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      const { credential: c } = await api.call("GET /credentials/{ref}", { params: { ref: name } });
      // The first few names only: a credential may be used by thousands.
      const firstNames =
        !json && c.usedByCount
          ? (await api.call("GET /repositories", { query: { credential: c.id, limit: NAMES_SHOWN } })).items.map((r) => r.name)
          : [];
      printResult(json, c, () => describe(c, firstNames));
    });

  credential
    .command("validate <name>")
    .description("Check a credential online now")
    .action(async (name: string, _opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      const result = await api.call("POST /credentials/{ref}/validate", { params: { ref: name } });
      printResult(json, result, () => describe(result.credential));
      if (result.result.status === "invalid") process.exitCode = exitCodes.checkFailing;
    });

  credential
    .command("update <name>")
    .description("Replace a credential's secret in place (read from stdin), or change its name, username or URL prefixes")
    .option("--secret-stdin", "read the new token or password from stdin")
    .option("--key-file <file>", "the new SSH private key")
    .option("--private-key-file <file>", "a GitHub App's new private key (GitHub keeps two active keys: rotation has no downtime)")
    .option("--installation-id <id>", "a GitHub App credential's installation to use")
    .option("--passphrase-stdin", "read the new SSH key's passphrase from stdin")
    .option("--username <username>", "change the username")
    .option("--rename <name>", "change the name")
    .option("--url-prefix <prefix>", "replace the URL-prefix templates with these (repeatable)", collectOption, [])
    .option("--clear-url-prefixes", "remove every URL-prefix template")
    .option("--safe", "check the new secret against every repository using it first; change nothing if one fails with it or gets worse")
    .option("--force", "with --safe: rotate anyway, even if the repositories listed get worse (admins)")
    .option("--no-validate", "do not check the new secret online")
    .option("--release <release>", "helper or gateway-only: the secret never leaves the server (admins)")
    .action(async (name: string, opts: Record<string, string | boolean | undefined>, command: Command) => {
      const { json, api } = commandContext(command);
      if (opts.force && !opts.safe)
        throw new CliError("INPUT_INVALID", "--force goes with --safe: it rotates anyway when repositories get worse.", exitCodes.usage, {
          field: "force",
        });
      const body: ApiRequest<"PATCH /credentials/{ref}">["body"] = {
        validate: opts.validate !== false,
        ...(opts.safe ? { safe: true } : {}),
        ...(opts.safe && opts.force ? { force: true } : {}),
      };
      if (opts.secretStdin) body.secret = await readStdin("secret");
      if (typeof opts.keyFile === "string") body.privateKey = readSecretFile(opts.keyFile, "key-file");
      if (typeof opts.privateKeyFile === "string") body.privateKey = readSecretFile(opts.privateKeyFile, "private-key-file");
      if (typeof opts.installationId === "string") body.installationId = opts.installationId;
      if (opts.passphraseStdin) body.passphrase = await readStdin("passphrase");
      if (typeof opts.username === "string") body.username = opts.username;
      if (typeof opts.rename === "string") body.name = opts.rename;
      if (typeof opts.release === "string") body.release = releaseOption(opts.release);
      if (prefixesOf(opts).length > 0 || opts.clearUrlPrefixes) body.urlPrefixes = prefixesOf(opts);
      let result: { credential: CredentialView; rotation?: { repositories: RotationResult[] } };
      try {
        result = await api.call("PATCH /credentials/{ref}", { params: { ref: name }, body });
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
          `Updated credential "${result.credential.name}".\n${describe(result.credential)}` +
          `${result.rotation ? `\n${describeRotation(result.rotation.repositories)}` : ""}`,
      );
    });

  credential
    .command("delete <name>")
    .description("Delete a credential (refused while repositories use it, unless --force)")
    .option("--force", "delete even if repositories use it; they turn failing")
    .action(async (name: string, opts: { force?: boolean }, command: Command) => {
      const { json, api } = commandContext(command);
      await api.call("DELETE /credentials/{ref}", { params: { ref: name }, query: opts.force ? { force: "true" } : {} });
      printResult(json, { deleted: name }, () => `Deleted credential "${name}".`);
    });
}
