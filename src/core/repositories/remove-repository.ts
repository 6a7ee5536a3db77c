import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { CoreDeps } from "../deps.ts";
import { AuthError } from "../errors.ts";
import { getRepository } from "./get-repository.ts";

/**
 * Unregisters a repository (its check history goes with it). Admins may remove any they
 * see; members the ones they registered.
 * @throws NotFoundError `REPOSITORY_NOT_FOUND`; AuthError `FORBIDDEN`
 */
export async function removeRepository(deps: Pick<CoreDeps, "store" | "now" | "newId">, actor: Actor, ref: string): Promise<void> {
  const repository = await getRepository(deps, actor, ref);
  if (actor.role === "member" && repository.createdBy !== actor.username) {
    throw new AuthError("forbidden", "FORBIDDEN", "Only an admin or the person who registered a repository may remove it.");
  }
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
