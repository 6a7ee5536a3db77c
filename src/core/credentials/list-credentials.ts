import type { Actor } from "../access/actor.ts";
import type { CoreDeps } from "../deps.ts";
import { canSeeCredential } from "./credential-access.ts";
import { credentialView, type CredentialView } from "./credential-view.ts";

/** The credentials the actor may see, each with how many repositories use it and its URL-prefix templates. */
export async function listCredentials(deps: Pick<CoreDeps, "store">, actor: Actor): Promise<CredentialView[]> {
  const [credentials, usedBy, templates] = await Promise.all([
    deps.store.credentials.list(),
    deps.store.repositories.countByCredential(),
    deps.store.urlPrefixes.list(),
  ]);
  const groupBy = <T>(items: T[], key: (item: T) => string | null, value: (item: T) => string) => {
    const groups = new Map<string, string[]>();
    for (const item of items) {
      const k = key(item);
      if (k === null) continue;
      const group = groups.get(k);
      if (group) group.push(value(item));
      else groups.set(k, [value(item)]);
    }
    return groups;
  };
  const prefixes = groupBy(
    templates,
    (t) => t.credentialId,
    (t) => t.prefix,
  );
  return credentials
    .filter((c) => canSeeCredential(actor, c))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => credentialView(c, usedBy.get(c.id) ?? 0, prefixes.get(c.id) ?? []));
}
