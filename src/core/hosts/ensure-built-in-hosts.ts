import type { CoreDeps } from "../deps.ts";
import { ConflictError } from "../errors.ts";

/**
 * Adds the hosts the registered integrations know out of the box (github.com) on first start;
 * instances starting together add each once.
 */
export async function ensureBuiltInHosts(deps: Pick<CoreDeps, "store" | "now" | "newId" | "integrations">): Promise<void> {
  for (const host of deps.integrations.all().flatMap((i) => i.builtInHosts ?? [])) {
    if (await deps.store.hosts.findByName(host.name)) continue;
    try {
      await deps.store.hosts.insert({ ...host, id: deps.newId(), createdAt: deps.now().toISOString() });
    } catch (error) {
      // Another instance inserted it between the look-up and the insert.
      if (!(error instanceof ConflictError && error.code === "HOST_NAME_TAKEN")) throw error;
    }
  }
}
