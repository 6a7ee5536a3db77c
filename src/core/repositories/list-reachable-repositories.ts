import type { Actor } from "../access/actor.ts";
import type { CoreDeps } from "../deps.ts";
import { reachableRepositories } from "./reachable-repositories.ts";

/** One repository the import picker offers. */
export interface ReachableRepositoryView {
  path: string;
  private: boolean | null;
  archived: boolean;
  permission: "admin" | "push" | "pull" | null;
  defaultBranch: string | null;
  /** Already registered on this host (an import would skip it). */
  registered: boolean;
}

/**
 * The repositories a stored credential reaches, each marked archived, private, the credential's permission and
 * whether it is registered already; `q` keeps those whose path contains it (ignoring case). The host is asked page by
 * page (100 a page) and the registered ones are read in one query — no request per repository.
 * @throws as `reachableRepositories`
 */
export async function listReachableRepositories(
  deps: CoreDeps,
  actor: Actor,
  input: { credential: string; owner?: string | undefined; q?: string | undefined },
): Promise<{ items: ReachableRepositoryView[]; total: number }> {
  const { host, found } = await reachableRepositories(deps, actor, input);
  const registered = new Set(
    (await deps.store.repositories.list()).filter((r) => r.hostName === host.name).map((r) => r.path.toLowerCase()),
  );
  const q = input.q?.trim().toLowerCase();
  const items = found
    .filter((info) => !q || info.path.toLowerCase().includes(q))
    .map((info) => ({
      path: info.path,
      private: info.private ?? null,
      archived: info.archived ?? false,
      permission: info.permission ?? null,
      defaultBranch: info.defaultBranch,
      registered: registered.has(info.path.toLowerCase()),
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
  return { items, total: found.length };
}
