import type { Actor } from "../access/actor.ts";
import { requireAdmin } from "../access/require-admin.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { CoreDeps } from "../deps.ts";
import { ConflictError } from "../errors.ts";
import { findEditableHost } from "./find-host.ts";
import { describeHostUsers, hostUsers } from "./host-users.ts";

/**
 * Removes a host nothing uses. While credentials are bound to it or repositories registered on it, the removal is
 * refused and names them (delete or move those first).
 * @throws AuthError `FORBIDDEN`; NotFoundError `HOST_NOT_FOUND`;
 *   ConflictError `HOST_BUILT_IN`, `HOST_IN_USE` (details: credentials, repositories)
 */
export async function removeHost(deps: CoreDeps, actor: Actor, name: string): Promise<void> {
  requireAdmin(actor, "remove hosts");
  const host = await findEditableHost(deps, name);
  const users = await hostUsers(deps, host);
  if (users.credentials.length + users.privateCredentials + users.repositoryCount > 0) {
    throw new ConflictError(
      "HOST_IN_USE",
      `Host "${host.name}" is used by ${describeHostUsers(users)}; ` +
        "remove those first, or fix the host in place with `repolink host update`.",
      { field: "host", credentials: users.credentials, repositories: users.repositories, repositoryCount: users.repositoryCount },
    );
  }
  await deps.store.transaction(async (store) => {
    await store.hosts.delete(host.id);
    await recordAudit({ ...deps, store }, actor, {
      action: "host.remove",
      targetType: "host",
      targetId: host.id,
      targetName: host.name,
      detail: { url: host.webUrl },
    });
  });
}
