import type { Command } from "commander";
import { ApiClient } from "../api-client.ts";
import { commandContext, wantsJson, type GlobalOptions } from "../command-context.ts";
import { resolveSettings, saveSettings } from "../cli-settings.ts";
import { formatTable, printResult } from "../output.ts";
import { readStdin } from "../read-secret.ts";
import { hostname } from "node:os";

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
    .action(async (opts: { name: string }, command: Command) => {
      const { json, api } = commandContext(command);
      const result = await api.call("POST /tokens", { body: { name: opts.name } });
      printResult(json, result, () => `${result.token}\n\nThis token is shown once: store it in your pipeline's secret store now.`);
    });
  token
    .command("list")
    .description("List your API tokens")
    .action(async (_opts: unknown, command: Command) => {
      const { json, api } = commandContext(command);
      const { items } = await api.call("GET /tokens", {});
      printResult(json, items, () =>
        formatTable(
          ["ID", "NAME", "CREATED", "LAST USED", "REVOKED"],
          items.map((t) => [t.id, t.name, t.createdAt, t.lastUsedAt, String(t.revoked)]),
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
