import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { CoreDeps } from "../deps.ts";
import { getRepository } from "./get-repository.ts";
import { requireRepositoryManager } from "./require-repository-manager.ts";

/**
 * Unregisters a repository (its check history goes with it). Admins may remove any they
 * see; members the ones they registered.
 * @throws NotFoundError `REPOSITORY_NOT_FOUND`; AuthError `FORBIDDEN`
 */
export async function removeRepository(deps: Pick<CoreDeps, "store" | "now" | "newId">, actor: Actor, ref: string): Promise<void> {
  const repository = await getRepository(deps, actor, ref);
  requireRepositoryManager(actor, repository, "remove");
  await deps.store.transaction(async (store) => {
    await store.repositories.delete(repository.id);
    await recordAudit({ ...deps, store }, actor, {
      action: "repository.remove",
      targetType: "repository",
      targetId: repository.id,
      targetName: repository.name,
      detail: { url: repository.url },
    });
  });
}
