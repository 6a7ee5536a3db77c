import type { Command } from "commander";
import { ApiClient } from "./api-client.ts";
import { resolveSettings, type CliSettings } from "./cli-settings.ts";

/** Options every command takes. */
export interface GlobalOptions {
  json?: boolean;
  server?: string;
  token?: string;
}

/** The global options, the resolved server and token, and an API client for the command being run. */
export function commandContext(
  command: Command,
  options: { requireToken?: boolean } = {},
): { json: boolean; api: ApiClient; settings: CliSettings } {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const settings = resolveSettings({
    ...(globals.server ? { server: globals.server } : {}),
    ...(globals.token ? { token: globals.token } : {}),
  });
  return { json: globals.json === true, api: new ApiClient(settings, options), settings };
}

/** True when --json was given. */
export function wantsJson(command: Command): boolean {
  return command.optsWithGlobals<GlobalOptions>().json === true;
}
