import type { CoreDeps } from "../deps.ts";
import { githubDotCom } from "./built-in-hosts.ts";

/** Adds github.com to the host list on first start. */
export async function ensureBuiltInHosts(deps: Pick<CoreDeps, "store" | "now" | "newId">): Promise<void> {
  if (await deps.store.hosts.findByName(githubDotCom.name)) return;
  await deps.store.hosts.insert({ ...githubDotCom, id: deps.newId(), createdAt: deps.now().toISOString() });
}
