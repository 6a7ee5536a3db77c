import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { findVisibleCredential } from "../credentials/credential-access.ts";
import { kindFits } from "../credentials/credential-for-use.ts";
import { credentialServes } from "../credentials/credential-serves.ts";
import type { CoreDeps } from "../deps.ts";
import { AuthError, InputError, NotFoundError } from "../errors.ts";
import { getRepository } from "./get-repository.ts";
import type { Repository } from "./repository.ts";

function personOf(actor: Actor): string {
  if (actor.id === null) throw new AuthError("forbidden", "FORBIDDEN", "Only a signed-in person has mappings.");
  return actor.id;
}

/**
 * Sets the actor's own credential for a repository (`repo map R --credential N`): used whenever this person or
 * their pipeline tokens act on it, before the repository's credential and any template.
 * @throws NotFoundError `REPOSITORY_NOT_FOUND`, `CREDENTIAL_NOT_FOUND`; InputError `CREDENTIAL_HOST_MISMATCH`, `CREDENTIAL_KIND_MISMATCH`
 */
export async function mapRepository(
  deps: Pick<CoreDeps, "store" | "now" | "newId">,
  actor: Actor,
  ref: string,
  credentialRef: string,
): Promise<{ repository: Repository; credential: string }> {
  const userId = personOf(actor);
  const repository = await getRepository(deps, actor, ref);
  const credential = await findVisibleCredential(deps, actor, credentialRef);
  credentialServes(credential, repository);
  if (!kindFits(credential, repository)) {
    throw new InputError(
      "CREDENTIAL_KIND_MISMATCH",
      `${repository.name} is reached over ${repository.protocol === "ssh" ? "SSH: map an ssh-key" : "HTTPS: map a token"} credential.`,
      "credential",
    );
  }
  await deps.store.transaction(async (store) => {
    await store.mappings.put({ repositoryId: repository.id, userId, credentialId: credential.id, createdAt: deps.now().toISOString() });
    await recordAudit({ ...deps, store }, actor, {
      action: "repository.map",
      targetType: "repository",
      targetId: repository.id,
      targetName: repository.name,
      detail: { credential: credential.name },
    });
  });
  return { repository, credential: credential.name };
}

/**
 * Removes the actor's own credential for a repository (`repo unmap R`).
 * @throws NotFoundError `REPOSITORY_NOT_FOUND`, `MAPPING_NOT_FOUND`
 */
export async function unmapRepository(deps: Pick<CoreDeps, "store" | "now" | "newId">, actor: Actor, ref: string): Promise<void> {
  const userId = personOf(actor);
  const repository = await getRepository(deps, actor, ref);
  await deps.store.transaction(async (store) => {
    if (!(await store.mappings.delete(repository.id, userId))) {
      throw new NotFoundError("MAPPING_NOT_FOUND", `You have no credential mapped for ${repository.name}.`, { field: "repository" });
    }
    await recordAudit({ ...deps, store }, actor, {
      action: "repository.unmap",
      targetType: "repository",
      targetId: repository.id,
      targetName: repository.name,
    });
  });
}
