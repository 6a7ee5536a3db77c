import type { Secret } from "../../core/secret.ts";
import { defaultRedactor } from "../logging/secret-redactor.ts";
import type { GitConfigEntry } from "./git-environment.ts";
import type { RemoteUrl } from "./check-remote-url.ts";

/**
 * The config that makes git send `Authorization: Basic base64(username:token)` to the
 * remote's own `scheme://host[:port]/` and nowhere else (no redirects are followed); the
 * token and header are remembered by the redactor first. Passed through the environment only.
 */
export function tokenAuthConfig(remote: RemoteUrl, username: string, token: Secret): GitConfigEntry[] {
  const raw = token.reveal();
  const basic = Buffer.from(`${username}:${raw}`, "utf8").toString("base64");
  const header = `Authorization: Basic ${basic}`;
  defaultRedactor.remember(raw);
  defaultRedactor.remember(basic);
  defaultRedactor.remember(header);
  // An empty value first resets any extraHeader list; the scoped key limits it to this origin.
  return [
    ["http.extraHeader", ""],
    [`http.${remote.origin}.extraHeader`, header],
  ];
}
