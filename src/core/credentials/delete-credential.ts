import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { CoreDeps } from "../deps.ts";
import { ConflictError } from "../errors.ts";
import { findManageableCredential } from "./credential-access.ts";

/** How many repository names a refusal or an audit event carries: a credential may be used by thousands. */
const namedDependents = 10;

/** The count of the repositories and the first names (a credential may be used by thousands). */
function dependentsOf(names: string[]): { dependentCount: number; dependents: string[] } {
  return { dependentCount: names.length, dependents: names.slice(0, namedDependents) };
}

/**
 * Deletes a credential. While repositories use it the delete is refused, counting them and naming the
 * first ten, unless `force`: then those repositories turn `failing` with `CREDENTIAL_DELETED`.
 * @throws ConflictError `CREDENTIAL_IN_USE` (details.dependentCount, details.dependents: the first ten names),
 * NotFoundError `CREDENTIAL_NOT_FOUND`
 */
export async function deleteCredential(deps: CoreDeps, actor: Actor, ref: string, options: { force?: boolean } = {}): Promise<void> {
  const credential = await findManageableCredential(deps, actor, ref);
  const dependents = await deps.store.repositories.listByCredential(credential.id);
  if (dependents.length > 0 && !options.force) {
    const names = dependents.map((r) => r.name);
    await recordAudit(deps, actor, {
      action: "credential.delete",
      targetType: "credential",
      targetId: credential.id,
      targetName: credential.name,
      outcome: "failure",
      detail: { code: "CREDENTIAL_IN_USE", ...dependentsOf(names) },
    });
    throw new ConflictError(
      "CREDENTIAL_IN_USE",
      `Credential "${credential.name}" is used by ${names.length} repositor${names.length === 1 ? "y" : "ies"}: ` +
        `${names.slice(0, namedDependents).join(", ")}${names.length > namedDependents ? ", …" : ""}. ` +
        `Move them to another credential or delete with --force.`,
      dependentsOf(names),
    );
  }
  await deps.store.transaction(async (store) => {
    const now = deps.now().toISOString();
    for (const repository of dependents) {
      await store.repositories.update(repository.id, {
        status: "failing",
        reasonCode: "CREDENTIAL_DELETED",
        message: `Its credential "${credential.name}" was deleted.`,
        remedy: "Register a credential for this repository and assign it.",
        lastCheckedAt: now,
      });
    }
    await store.credentials.delete(credential.id);
    await recordAudit({ ...deps, store }, actor, {
      action: "credential.delete",
      targetType: "credential",
      targetId: credential.id,
      targetName: credential.name,
      detail: { forced: dependents.length > 0, ...dependentsOf(dependents.map((r) => r.name)) },
    });
  });
}
