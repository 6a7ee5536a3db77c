import type { Actor } from "../access/actor.ts";
import { requireAdmin } from "../access/require-admin.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { CoreDeps } from "../deps.ts";
import { ConflictError, InputError } from "../errors.ts";
import type { HostPatch } from "../storage/store.ts";
import { checkNotASecret } from "../text/check-not-a-secret.ts";
import { baseUrl, checkCaBundle, checkOriginFree } from "./add-host.ts";
import { checkKnownHosts } from "./check-known-hosts.ts";
import { findEditableHost } from "./find-host.ts";
import type { Host } from "./host.ts";
import { describeHostUsers, hostUsers } from "./host-users.ts";

/** What an admin may change on a host; a field left out stays, `null` clears the CA bundle or the known hosts. */
export interface HostChange {
  url?: string;
  apiUrl?: string;
  graphqlUrl?: string;
  caBundle?: string | null;
  sshKnownHosts?: string | null;
  allowPrivateNetwork?: boolean;
}

/** The new URLs; a GitHub host's API URLs follow its web URL unless given (or set apart from it before). */
async function urlPatch(deps: CoreDeps, host: Host, change: HostChange): Promise<HostPatch> {
  if (change.url === undefined && change.apiUrl === undefined && change.graphqlUrl === undefined) return {};
  if (host.kind === "git" && (change.apiUrl !== undefined || change.graphqlUrl !== undefined)) {
    throw new InputError("HOST_API_URL_UNSUPPORTED", "apiUrl and graphqlUrl are for GitHub hosts; a git host has no API.", "apiUrl");
  }
  const patch: HostPatch = {};
  if (change.url !== undefined) {
    checkNotASecret(change.url, "url", deps.integrations);
    const webUrl = baseUrl(change.url, "url");
    if (webUrl !== host.webUrl) {
      await checkOriginFree(deps, webUrl, host.id);
      const users = await hostUsers(deps, host);
      // Registered repository URLs name the old address; moving the host under them would point them elsewhere.
      if (users.repositoryCount > 0) {
        throw new ConflictError(
          "HOST_IN_USE",
          `Host "${host.name}" has ${describeHostUsers({ ...users, credentials: [], privateCredentials: 0 })} at ${host.webUrl}; ` +
            "its URL can change only while no repository is registered on it.",
          { field: "url", repositories: users.repositories, repositoryCount: users.repositoryCount },
        );
      }
      patch.webUrl = webUrl;
    }
  }
  if (host.kind === "github") {
    const web = patch.webUrl ?? host.webUrl;
    const derived = host.apiUrl === `${host.webUrl}/api/v3`;
    if (change.apiUrl !== undefined) patch.apiUrl = baseUrl(change.apiUrl, "apiUrl");
    else if (patch.webUrl && derived) patch.apiUrl = `${web}/api/v3`;
    if (change.graphqlUrl !== undefined) patch.graphqlUrl = baseUrl(change.graphqlUrl, "graphqlUrl");
    else if (patch.webUrl && host.graphqlUrl === `${host.webUrl}/api/graphql`) patch.graphqlUrl = `${web}/api/graphql`;
  }
  return patch;
}

/**
 * Fixes a host in place: its URL (while no repository is registered on it), API URLs, CA bundle, pinned SSH host keys
 * and whether it may be on a private network. Its name and kind stay.
 * @throws AuthError `FORBIDDEN`; NotFoundError `HOST_NOT_FOUND`; InputError `HOST_URL_INVALID`, `HOST_API_URL_UNSUPPORTED`,
 *   `CA_BUNDLE_INVALID`, `SSH_KNOWN_HOSTS_INVALID`; ConflictError `HOST_BUILT_IN`, `HOST_ORIGIN_TAKEN`, `HOST_IN_USE`
 */
export async function updateHost(deps: CoreDeps, actor: Actor, name: string, change: HostChange): Promise<Host> {
  requireAdmin(actor, "change hosts");
  const host = await findEditableHost(deps, name);
  const patch: HostPatch = {
    ...(await urlPatch(deps, host, change)),
    ...(change.caBundle === undefined ? {} : { caBundle: checkCaBundle(change.caBundle) }),
    ...(change.sshKnownHosts === undefined
      ? {}
      : { sshKnownHosts: change.sshKnownHosts?.trim() ? checkKnownHosts(change.sshKnownHosts) : null }),
    ...(change.allowPrivateNetwork === undefined ? {} : { allowPrivateNetwork: change.allowPrivateNetwork }),
  };
  await deps.store.transaction(async (store) => {
    await store.hosts.update(host.id, patch);
    await recordAudit({ ...deps, store }, actor, {
      action: "host.update",
      targetType: "host",
      targetId: host.id,
      targetName: host.name,
      detail: {
        changed: Object.keys(patch),
        ...(patch.webUrl ? { url: patch.webUrl } : {}),
        ...(patch.allowPrivateNetwork === undefined ? {} : { allowPrivateNetwork: patch.allowPrivateNetwork }),
      },
    });
  });
  return { ...host, ...patch } as Host;
}
