import { join } from "node:path";
import { InputError } from "../../core/errors.ts";
import type { GitAuth } from "../../core/ports/git-transport.ts";
import { defaultRedactor } from "../logging/secret-redactor.ts";
import type { RemoteUrl } from "./check-remote-url.ts";
import type { GitConfigEntry } from "./git-environment.ts";
import { writePrivateFile } from "./private-temp-dir.ts";
import { sshAskpassEnv } from "./ssh-askpass.ts";
import { buildSshCommand, normalizeKnownHosts } from "./ssh-command.ts";
import { tokenAuthConfig } from "./token-auth-config.ts";

/** The config and extra environment one git process needs to authenticate. */
export interface PreparedGitAuth {
  config: GitConfigEntry[];
  env: Record<string, string>;
}

function mismatch(message: string): InputError {
  return new InputError("GIT_AUTH_MISMATCH", message, "credential");
}

async function prepareSshKey(
  remote: RemoteUrl,
  auth: Extract<GitAuth, { kind: "ssh-key" }>,
  dir: string,
  pinned?: string,
): Promise<PreparedGitAuth> {
  const knownHosts = normalizeKnownHosts(auth.knownHosts);
  if (knownHosts === null)
    throw new InputError("SSH_KNOWN_HOSTS_INVALID", "The SSH credential has no valid pinned host keys (known_hosts lines).", "knownHosts");
  const key = auth.privateKey.reveal().replace(/\r\n?/g, "\n");
  defaultRedactor.remember(key);
  const keyFile = join(dir, "id_key");
  const knownHostsFile = join(dir, "known_hosts");
  await writePrivateFile(keyFile, key.endsWith("\n") ? key : `${key}\n`);
  await writePrivateFile(knownHostsFile, knownHosts);
  const env: Record<string, string> = { GIT_SSH_VARIANT: "ssh" };
  if (auth.passphrase !== null) Object.assign(env, await sshAskpassEnv(dir, auth.passphrase.reveal()));
  const hostKeyAlias = remote.port === null || remote.port === 22 ? remote.host : `[${remote.host}]:${remote.port}`;
  const sshCommand = buildSshCommand({
    keyFile,
    knownHostsFile,
    passphrase: auth.passphrase !== null,
    ...(pinned !== undefined && pinned !== remote.host ? { pinnedAddress: pinned, hostKeyAlias } : {}),
  });
  return { config: [["core.sshCommand", sshCommand]], env };
}

/**
 * Turns a stored credential into what git needs for one operation: a URL-scoped auth
 * header for http(s), or key, known_hosts and askpass files in the 0700 `dir` for SSH.
 * `pinned` is the checked address to connect to (HTTP: `http.curloptResolve`; SSH: `HostName`).
 * @throws InputError `GIT_AUTH_MISMATCH` (token on SSH, key on HTTPS) or `SSH_KNOWN_HOSTS_INVALID`.
 */
export async function prepareGitAuth(remote: RemoteUrl, auth: GitAuth, dir: string, pinned?: string): Promise<PreparedGitAuth> {
  const isHttp = remote.scheme !== "ssh";
  const resolve: GitConfigEntry[] = [];
  if (isHttp && pinned !== undefined && pinned !== remote.host) {
    const port = remote.port ?? (remote.scheme === "https" ? 443 : 80);
    resolve.push(["http.curloptResolve", `${remote.host}:${port}:${pinned.includes(":") ? `[${pinned}]` : pinned}`]);
  }
  switch (auth.kind) {
    case "none":
      return { config: resolve, env: {} };
    case "token":
      if (!isHttp) throw mismatch("A token credential works over HTTPS only; use an HTTPS URL or an SSH key.");
      if (!/^[^:\s]+$/.test(auth.username))
        throw new InputError("GIT_AUTH_MISMATCH", "The credential's user name is not valid for Git.", "username");
      return { config: [...resolve, ...tokenAuthConfig(remote, auth.username, auth.token)], env: {} };
    case "ssh-key":
      if (isHttp) throw mismatch("An SSH key credential works over SSH only; use an SSH URL or a token.");
      return prepareSshKey(remote, auth, dir, pinned);
  }
}
