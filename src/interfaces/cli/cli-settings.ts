import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { CliError, exitCodes } from "./cli-error.ts";

/** Where the CLI finds its server and API token. */
export interface CliSettings {
  server: string | null;
  token: string | null;
}

/** The file `repolink login` writes (mode 0600). */
export function settingsFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.REPOLINK_CLI_CONFIG) return env.REPOLINK_CLI_CONFIG;
  return join(env.XDG_CONFIG_HOME || join(homedir(), ".config"), "repolink", "cli.json");
}

function readSaved(env: NodeJS.ProcessEnv): CliSettings {
  try {
    const saved = JSON.parse(readFileSync(settingsFile(env), "utf8")) as Partial<CliSettings>;
    return { server: saved.server ?? null, token: saved.token ?? null };
  } catch {
    return { server: null, token: null };
  }
}

/** Flags win over REPOLINK_SERVER/REPOLINK_TOKEN, which win over the login file. */
export function resolveSettings(flags: { server?: string; token?: string }, env: NodeJS.ProcessEnv = process.env): CliSettings {
  const saved = readSaved(env);
  return {
    server: flags.server || env.REPOLINK_SERVER || saved.server,
    token: flags.token || env.REPOLINK_TOKEN || saved.token,
  };
}

/** Saves the server and token for later commands, readable by the user alone. */
export function saveSettings(settings: CliSettings, env: NodeJS.ProcessEnv = process.env): string {
  const file = settingsFile(env);
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(settings, null, 2) + "\n", { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, file);
  } catch (error) {
    throw new CliError(
      "CLI_CONFIG_WRITE_FAILED",
      `Cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? "error"}`,
      exitCodes.failure,
    );
  }
  return file;
}
