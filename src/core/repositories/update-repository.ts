import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { findVisibleCredential } from "../credentials/credential-access.ts";
import type { CoreDeps } from "../deps.ts";
import { InputError } from "../errors.ts";
import type { RepositoryPatch } from "../storage/store.ts";
import { checkCredentialFits } from "./check-credential-fits.ts";
import { runConnectionCheck } from "./check-repository-connection.ts";
import { checkNeeds } from "./check-repository-fields.ts";
import type { ConnectionReport } from "./connection-report.ts";
import { getRepository } from "./get-repository.ts";
import type { Repository } from "./repository.ts";
import { requireRepositoryManager } from "./require-repository-manager.ts";

/** What `repo update` changes: the repository's own credential (by name or id) and what it needs. */
export interface RepositoryChange {
  credential?: string;
  needs?: string;
}

/**
 * Fixes a registration in place: switches its credential and what it needs, then checks the connection at once with
 * them. A check that cannot run (an error, not a failing answer) puts the old values back.
 * @throws InputError `REPOSITORY_UPDATE_EMPTY`, `NEEDS_INVALID`, `CREDENTIAL_HOST_MISMATCH`, `CREDENTIAL_KIND_MISMATCH`;
 *   NotFoundError `REPOSITORY_NOT_FOUND`, `CREDENTIAL_NOT_FOUND`; AuthError `FORBIDDEN`
 */
export async function updateRepository(
  deps: CoreDeps,
  actor: Actor,
  ref: string,
  change: RepositoryChange,
): Promise<{ repository: Repository; report: ConnectionReport }> {
  if (change.credential === undefined && change.needs === undefined) {
    throw new InputError("REPOSITORY_UPDATE_EMPTY", "Nothing to change: give a credential, needs or both.", "credential");
  }
  const repository = await getRepository(deps, actor, ref);
  requireRepositoryManager(actor, repository, "change");
  const patch: RepositoryPatch = {};
  if (change.needs !== undefined) patch.needs = checkNeeds(change.needs);
  let credentialName: string | undefined;
  if (change.credential !== undefined) {
    const credential = await findVisibleCredential(deps, actor, change.credential);
    checkCredentialFits(credential, repository);
    patch.credentialId = credential.id;
    credentialName = credential.name;
  }
  const before: RepositoryPatch = { credentialId: repository.credentialId, needs: repository.needs };
  await deps.store.transaction(async (store) => {
    await store.repositories.update(repository.id, patch);
    await recordAudit({ ...deps, store }, actor, {
      action: "repository.update",
      targetType: "repository",
      targetId: repository.id,
      targetName: repository.name,
      detail: { ...(credentialName ? { credential: credentialName } : {}), ...(patch.needs ? { needs: patch.needs } : {}) },
    });
  });
  try {
    return await runConnectionCheck(deps, actor, { ...repository, ...patch });
  } catch (error) {
    await deps.store.repositories.update(repository.id, before).catch(() => undefined);
    throw error;
  }
}
