import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { CoreDeps } from "../deps.ts";
import { ConflictError } from "../errors.ts";
import { findManageableCredential } from "./credential-access.ts";

/**
 * Deletes a credential. While repositories use it the delete is refused and names them,
 * unless `force`: then those repositories turn `failing` with `CREDENTIAL_DELETED`.
 * @throws ConflictError `CREDENTIAL_IN_USE` (details.dependents), NotFoundError `CREDENTIAL_NOT_FOUND`
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
      detail: { code: "CREDENTIAL_IN_USE", dependents: names },
    });
    throw new ConflictError(
      "CREDENTIAL_IN_USE",
      `Credential "${credential.name}" is used by ${names.length} repositor${names.length === 1 ? "y" : "ies"}: ` +
        `${names.slice(0, 10).join(", ")}${names.length > 10 ? ", …" : ""}. ` +
        `Move them to another credential or delete with --force.`,
      { dependents: names },
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
      detail: { forced: dependents.length > 0, dependents: dependents.map((r) => r.name) },
    });
  });
}
