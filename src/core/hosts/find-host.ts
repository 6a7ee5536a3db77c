import type { CoreDeps } from "../deps.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import type { Host } from "./host.ts";

/**
 * A host an admin may change: known, and not built in (github.com stays as Repolink knows it).
 * @throws NotFoundError `HOST_NOT_FOUND`; ConflictError `HOST_BUILT_IN`
 */
export async function findEditableHost(deps: Pick<CoreDeps, "store">, name: string): Promise<Host> {
  const host = await deps.store.hosts.findByName(name.trim().toLowerCase());
  if (!host) throw new NotFoundError("HOST_NOT_FOUND", `No host "${name.slice(0, 100)}"; see \`repolink host list\`.`, { field: "host" });
  if (host.builtIn) {
    throw new ConflictError("HOST_BUILT_IN", `${host.name} is built in and cannot be changed or removed.`, { field: "host" });
  }
  return host;
}
