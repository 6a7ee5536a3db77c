import { Command, CommanderError } from "commander";
import { AppError } from "../../core/errors.ts";
import { defaultRedactor } from "../../adapters/logging/secret-redactor.ts";
import { CliError, exitCodes } from "./cli-error.ts";
import { registerAccountCommands } from "./commands/account-commands.ts";
import { registerCredentialCommands } from "./commands/credential-commands.ts";
import { registerHostCommands } from "./commands/host-commands.ts";
import { registerLocalCommands } from "./commands/local-commands.ts";
import { registerGitCredentialCommand } from "./commands/git-credential-command.ts";
import { registerCheckoutCommands } from "./commands/checkout-commands.ts";
import { registerRepoCommands } from "./commands/repo-commands.ts";
import { registerWebhookCommands } from "./commands/webhook-commands.ts";
import { registerHealthCommands } from "./commands/health-commands.ts";

/** Builds the `repolink` command tree. */
export function buildProgram(): Command {
  const program = new Command("repolink")
    .description("Repolink: GitHub credentials for your release pipeline, stored once, checked always")
    .option("--json", "machine-readable output")
    .option("--server <url>", "the Repolink server (or REPOLINK_SERVER)")
    .option("--token <token>", "an API token (prefer REPOLINK_TOKEN or `repolink login`: flags show in ps)")
    .exitOverride()
    .showHelpAfterError();
  registerLocalCommands(program);
  registerAccountCommands(program);
  registerCredentialCommands(program);
  registerHostCommands(program);
  registerGitCredentialCommand(program);
  registerCheckoutCommands(program);
  registerRepoCommands(program);
  registerWebhookCommands(program);
  registerHealthCommands(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

function report(json: boolean, code: string, rawMessage: string, extra: { field?: string; details?: Record<string, unknown> } = {}): void {
  const message = defaultRedactor.redact(rawMessage);
  if (json) process.stdout.write(JSON.stringify({ error: { code, message, ...extra } }, null, 2) + "\n");
  process.stderr.write(`error: ${message}${extra.field ? ` (field: ${extra.field})` : ""} [${code}]\n`);
  const problems = (extra.details?.problems ?? []) as { severity?: string; message?: string; remedy?: string }[];
  for (const problem of problems) process.stderr.write(`  ${problem.severity ?? "error"}: ${problem.message ?? ""}\n    → ${problem.remedy ?? ""}\n`);
}

/** Runs the CLI and sets the exit code of the contract (0, 1, 2, 3, 4). */
export async function runCli(argv: string[]): Promise<void> {
  const json = argv.includes("--json");
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : exitCodes.usage;
      return;
    }
    const cliError = error instanceof CliError ? error : error instanceof AppError ? CliError.fromAppError(error) : null;
    if (cliError) {
      report(json, cliError.code, cliError.message, {
        ...(cliError.field ? { field: cliError.field } : {}),
        ...(cliError.details ? { details: cliError.details } : {}),
      });
      process.exitCode = cliError.exitCode;
      return;
    }
    report(json, "INTERNAL", error instanceof Error ? error.message : "unexpected failure");
    process.exitCode = exitCodes.failure;
  }
}
