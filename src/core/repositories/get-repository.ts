import type { Actor } from "../access/actor.ts";
import type { CoreDeps } from "../deps.ts";
import { NotFoundError } from "../errors.ts";
import { canSeeRepository } from "./can-see-repository.ts";
import type { Repository } from "./repository.ts";
import type { Credential } from "../credentials/credential.ts";

const idPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Finds a repository by id or name among those the actor may see; one the actor may not
 * see gets the same answer as one that does not exist (CVE-2022-34779).
 * @throws NotFoundError `REPOSITORY_NOT_FOUND`
 */
export async function getRepository(deps: Pick<CoreDeps, "store">, actor: Actor, ref: string): Promise<Repository> {
  return (await getRepositoryWithCredential(deps, actor, ref)).repository;
}

/** Like getRepository, also returning the credential it loaded for the access check. */
export async function getRepositoryWithCredential(
  deps: Pick<CoreDeps, "store">,
  actor: Actor,
  ref: string,
): Promise<{ repository: Repository; credential: Credential | undefined }> {
  const found = idPattern.test(ref) ? await deps.store.repositories.findById(ref) : await deps.store.repositories.findByName(ref);
  const credential = found?.credentialId ? await deps.store.credentials.findById(found.credentialId) : undefined;
  if (!found || !canSeeRepository(actor, found, credential)) {
    throw new NotFoundError("REPOSITORY_NOT_FOUND", `No repository "${ref.slice(0, 140)}" that you can see.`, { field: "repository" });
  }
  return { repository: found, credential };
}
