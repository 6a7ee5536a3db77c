import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { AppError } from "../../core/errors.ts";
import { CliError, exitCodes } from "./cli-error.ts";
import { commandGroups, commandNameIn } from "./command-groups.ts";

function productVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "..", "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

/** Builds the `repolink` command tree: only the named command's group, or every group for help and unknown commands. */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command("repolink")
    .description("Repolink: GitHub credentials for your release pipeline, stored once, checked always")
    .option("--json", "machine-readable output")
    .option("--server <url>", "the Repolink server (or REPOLINK_SERVER)")
    .option("--token <token>", "an API token (prefer REPOLINK_TOKEN or `repolink login`: flags show in ps)")
    .version(productVersion(), "--version", "print Repolink's version")
    .exitOverride()
    .showHelpAfterError();
  const name = commandNameIn(argv);
  const named = commandGroups.filter((group) => name !== null && group.names.includes(name));
  for (const register of await Promise.all((named.length > 0 ? named : commandGroups).map((group) => group.load()))) register(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

async function report(
  json: boolean,
  code: string,
  rawMessage: string,
  extra: { field?: string; details?: Record<string, unknown> } = {},
): Promise<void> {
  const { defaultRedactor } = await import("../../adapters/logging/secret-redactor.ts");
  const { builtInTokenPatterns } = await import("../../integrations/built-in-secret-formats.ts");
  defaultRedactor.addTokenPatterns(builtInTokenPatterns());
  const { escapeForTerminal } = await import("../../core/text/escape-for-terminal.ts");
  const { terminalSafeJson } = await import("./output.ts");
  const message = defaultRedactor.redact(rawMessage);
  const shown = (text: string) => escapeForTerminal(text, { keepLineBreaks: true });
  if (json) process.stdout.write(terminalSafeJson({ error: { code, message, ...extra } }) + "\n");
  process.stderr.write(shown(`error: ${message}${extra.field ? ` (field: ${extra.field})` : ""} [${code}]`) + "\n");
  const problems = (extra.details?.problems ?? []) as { severity?: string; message?: string; remedy?: string }[];
  for (const problem of problems)
    process.stderr.write(
      `  ${shown(problem.severity ?? "error")}: ${shown(problem.message ?? "")}\n    → ${shown(problem.remedy ?? "")}\n`,
    );
}

/** Runs the CLI and sets the exit code of the contract (0, 1, 2, 3, 4). */
export async function runCli(argv: string[]): Promise<void> {
  const json = argv.includes("--json");
  try {
    await (await buildProgram(argv)).parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : exitCodes.usage;
      return;
    }
    const cliError = error instanceof CliError ? error : error instanceof AppError ? CliError.fromAppError(error) : null;
    if (cliError) {
      await report(json, cliError.code, cliError.message, {
        ...(cliError.field ? { field: cliError.field } : {}),
        ...(cliError.details ? { details: cliError.details } : {}),
      });
      process.exitCode = cliError.exitCode;
      return;
    }
    await report(json, "INTERNAL", error instanceof Error ? error.message : "unexpected failure");
    process.exitCode = exitCodes.failure;
  }
}
