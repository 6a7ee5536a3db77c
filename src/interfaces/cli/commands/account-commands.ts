import { CliError, exitCodes } from "../cli-error.ts";
import type { Command } from "commander";
import { ApiClient } from "../api-client.ts";
import { commandContext, wantsJson, type GlobalOptions } from "../command-context.ts";
import { resolveSettings, saveSettings } from "../cli-settings.ts";
import { formatTable, printResult } from "../output.ts";
import { readStdin } from "../read-secret.ts";
import { hostname } from "node:os";
import { collectOption } from "../collect-option.ts";

/** `repolink login`, `token create|list|revoke`, `audit list`, `keys rotate`. */
export function registerAccountCommands(program: Command): void {
  program
    .command("login")
    .description("Sign in and save an API token for later commands (password from stdin)")
    .requiredOption("--username <username>", "your username")
    .option("--password-stdin", "read the password from stdin (the only way to give it)")
    .action(async (opts: { username: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const settings = resolveSettings(globals.server ? { server: globals.server } : {});
      const api = new ApiClient({ server: settings.server, token: null }, { requireToken: false });
      const password = await readStdin("password");
      const result = await api.call("POST /auth/token", {
        body: { username: opts.username, password, name: `repolink cli on ${hostname()}`.slice(0, 100) },
      });
      const file = saveSettings({ server: settings.server, token: result.token });
      printResult(
        wantsJson(command),
        { user: result.user, server: settings.server, configFile: file },
        () => `Signed in to ${settings.server} as ${result.user.username} (${result.user.role}). Token saved in ${file}.`,
      );
    });

  const token = program.command("token").description("Personal API tokens");
  token
    .command("create")
    .description("Create an API token for a pipeline; it is shown once")
    .requiredOption("--name <name>", "what the token is for")
    .option("--repos <pattern>", "limit it to repositories: a path or HOST:PATH, * one segment, ** any (repeatable)", collectOption, [])
    .option("--access <access>", "read (checkout, fetch, the credential helper) or push", "push")
    .option("--expires-in <days>", "stop working after this many days")
    .action(async (opts: { name: string; repos: string[]; access: string; expiresIn?: string }, command: Command) => {
      const { json, api } = commandContext(command);
      if (opts.access !== "read" && opts.access !== "push")
        throw new CliError("TOKEN_GRANT_INVALID", "--access must be read or push.", exitCodes.usage, { field: "access" });
      const days = opts.expiresIn === undefined ? undefined : Number(opts.expiresIn);
      if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 3650))
        throw new CliError("TOKEN_GRANT_INVALID", "--expires-in must be a whole number of days, 1 to 3650.", exitCodes.usage, {
          field: "expires-in",
        });
      const body = {
        name: opts.name,
        access: opts.access,
        ...(opts.repos.length > 0 ? { repos: opts.repos } : {}),
        ...(days === undefined ? {} : { expiresInDays: days }),
      } as const;
      const result = await api.call("POST /tokens", { body });
      const until = result.expiresAt ? `, until ${result.expiresAt}` : "";
      const grant = `${result.access} on ${result.repos?.join(", ") ?? "every repository"}${until}`;
      printResult(
        json,
        result,
        () => `${result.token}\n\nGrant: ${grant}.\nThis token is shown once: store it in your pipeline's secret store now.`,
      );
    });
  token
    .command("list")
    .description("List your API tokens")
    .action(async (_opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      const { items } = await api.call("GET /tokens", {});
      printResult(json, items, () =>
        formatTable(
          ["ID", "NAME", "ACCESS", "REPOS", "EXPIRES", "LAST USED", "STATE"],
          items.map((t) => [
            t.id,
            t.name,
            t.access,
            t.repos?.join(",") ?? "*",
            t.expiresAt?.slice(0, 19) ?? "never",
            t.lastUsedAt?.slice(0, 19) ?? "never",
            t.revoked ? "revoked" : t.expired ? "expired" : "active",
          ]),
        ),
      );
    });
  token
    .command("revoke <id>")
    .description("Revoke an API token")
    .action(async (id: string, _opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      await api.call("DELETE /tokens/{id}", { params: { id } });
      printResult(json, { revoked: id }, () => `Revoked token ${id}.`);
    });

  program
    .command("audit")
    .description("The audit log")
    .command("list")
    .description("List audit events, newest first")
    .option("--limit <n>", "how many", "50")
    .action(async (opts: { limit: string }, command: Command) => {
      const { json, api } = commandContext(command);
      const { items } = await api.call("GET /audit", { query: { limit: opts.limit } });
      printResult(json, items, () =>
        formatTable(
          ["TIME", "ACTOR", "ACTION", "TARGET", "OUTCOME"],
          items.map((e) => [e.at, e.actorName, e.action, `${e.targetType}:${e.targetName ?? e.targetId ?? "-"}`, e.outcome]),
        ),
      );
    });

  program
    .command("keys")
    .description("Encryption keys")
    .command("rotate")
    .description("Make a new key-encryption key and re-wrap every secret, online")
    .action(async (_opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      const result = await api.call("POST /keys/rotate", {});
      printResult(json, result, () => `New key ${result.kekId} is active; ${result.rewrapped} secret(s) re-wrapped.`);
    });
}
