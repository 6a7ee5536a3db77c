import type { Actor } from "../access/actor.ts";
import type { CoreDeps } from "../deps.ts";
import { canSeeRepository } from "./can-see-repository.ts";
import type { Repository } from "./repository.ts";

/** The repositories the actor may see, by name, each with its credential's name. */
export async function listRepositories(
  deps: Pick<CoreDeps, "store">,
  actor: Actor,
): Promise<{ repository: Repository; credentialName: string | null }[]> {
  const [repositories, credentials] = await Promise.all([deps.store.repositories.list(), deps.store.credentials.list()]);
  const byId = new Map(credentials.map((c) => [c.id, c]));
  return repositories
    .filter((r) => canSeeRepository(actor, r, r.credentialId === null ? undefined : byId.get(r.credentialId)))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((repository) => ({
      repository,
      credentialName: repository.credentialId === null ? null : (byId.get(repository.credentialId)?.name ?? null),
    }));
}
