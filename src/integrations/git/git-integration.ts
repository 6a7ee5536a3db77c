import type { Integration } from "../../core/ports/integration.ts";
import type { HostNetworkPolicy } from "../../adapters/net/guarded-fetch-for-host.ts";
import { gitConnectionChecks } from "./git-connection-checks.ts";
import { gitSecretFormats } from "./git-secret-formats.ts";
import { probePushPermission } from "./probe-push-permission.ts";

/** What the generic Git integration is built from. */
export interface GitIntegrationOptions {
  /** The guarded fetch for a host's network policy: the push probe goes through it. */
  fetchFor: (policy: HostNetworkPolicy) => typeof fetch;
}

/**
 * Any Git server reached over HTTPS or SSH (Gitea, Bitbucket Data Center, a plain
 * `git http-backend`): no API, so no token checks, listing, new-token link or rate budget;
 * branches come from Git's ref advertisement. Git sends the credential's own username.
 */
export function createGitIntegration(options: GitIntegrationOptions): Integration {
  const push = (remote: Parameters<typeof probePushPermission>[1]) =>
    probePushPermission(options.fetchFor({ allowPrivateNetwork: remote.allowPrivateNetwork, caBundle: remote.caBundle ?? null }), remote);
  return {
    kind: "git",
    label: "Git server",
    secrets: gitSecretFormats,
    checks: gitConnectionChecks(push),
    defaultGitUsername: null,
  };
}
