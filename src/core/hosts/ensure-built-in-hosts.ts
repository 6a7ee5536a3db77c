import type { CoreDeps } from "../deps.ts";
import { ConflictError } from "../errors.ts";
import { githubDotCom } from "./built-in-hosts.ts";

/** Adds github.com to the host list on first start; instances starting together add it once. */
export async function ensureBuiltInHosts(deps: Pick<CoreDeps, "store" | "now" | "newId">): Promise<void> {
  if (await deps.store.hosts.findByName(githubDotCom.name)) return;
  try {
    await deps.store.hosts.insert({ ...githubDotCom, id: deps.newId(), createdAt: deps.now().toISOString() });
  } catch (error) {
    // Another instance inserted it between the look-up and the insert.
    if (!(error instanceof ConflictError && error.code === "HOST_NAME_TAKEN")) throw error;
  }
}
