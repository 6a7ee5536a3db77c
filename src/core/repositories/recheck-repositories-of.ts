import type { Actor } from "../access/actor.ts";
import type { CoreDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import { runConnectionCheck } from "./check-repository-connection.ts";

/**
 * Re-checks every repository that uses a credential (after its secret changed, or git
 * reported it rejected). Failures of single checks are recorded, not thrown.
 */
export async function recheckRepositoriesOf(deps: CoreDeps, actor: Actor, credentialId: string): Promise<{ checked: number; failed: number }> {
  let checked = 0;
  let failed = 0;
  for (const repository of await deps.store.repositories.listByCredential(credentialId)) {
    try {
      const { report } = await runConnectionCheck(deps, actor, repository);
      checked += 1;
      if (report.status === "failing") failed += 1;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      failed += 1;
    }
  }
  return { checked, failed };
}
