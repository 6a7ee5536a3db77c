import type { CliSettings } from "./cli-settings.ts";
import { GATEWAY_USERNAME } from "./request-gateway-access.ts";

/** The `protocol` and `host` of git's credential request (`key=value` lines). */
function requestOrigin(input: string): string | null {
  const fields = new Map<string, string>();
  for (const line of input.split("\n")) {
    const eq = line.indexOf("=");
    if (eq > 0) fields.set(line.slice(0, eq), line.slice(eq + 1));
  }
  const protocol = fields.get("protocol");
  const host = fields.get("host");
  return protocol && host ? `${protocol}://${host}`.toLowerCase() : null;
}

/**
 * git's answer for a request to the Repolink server itself (a working copy checked out
 * `--via-gateway`): this pipeline's API token as the password, never the stored credential.
 * Null for any other host (those ask the server); the origin must match exactly (SECURITY 16).
 */
export function answerGatewayCredential(input: string, settings: CliSettings): string | null {
  if (!settings.server || !settings.token || /[\r\0]/.test(input)) return null;
  let server: string;
  try {
    server = new URL(settings.server).origin.toLowerCase();
  } catch {
    return null;
  }
  if (requestOrigin(input) !== server) return null;
  return `username=${GATEWAY_USERNAME}\npassword=${settings.token}\n`;
}
