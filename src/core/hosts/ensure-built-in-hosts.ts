import type { CoreDeps } from "../deps.ts";

/** Adds the hosts the registered integrations know out of the box (github.com) on first start. */
export async function ensureBuiltInHosts(deps: Pick<CoreDeps, "store" | "now" | "newId" | "integrations">): Promise<void> {
  for (const host of deps.integrations.all().flatMap((i) => i.builtInHosts ?? [])) {
    if (await deps.store.hosts.findByName(host.name)) continue;
    await deps.store.hosts.insert({ ...host, id: deps.newId(), createdAt: deps.now().toISOString() });
  }
}
