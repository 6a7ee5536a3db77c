import type { Actor } from "../access/actor.ts";
import type { CoreDeps } from "../deps.ts";
import { canSeeCredential } from "./credential-access.ts";
import { credentialView, type CredentialView } from "./credential-view.ts";

/** The credentials the actor may see, each with the names of the repositories using it and its URL-prefix templates. */
export async function listCredentials(deps: Pick<CoreDeps, "store">, actor: Actor): Promise<CredentialView[]> {
  const [credentials, repositories, templates] = await Promise.all([
    deps.store.credentials.list(),
    deps.store.repositories.list(),
    deps.store.urlPrefixes.list(),
  ]);
  const prefixes = new Map<string, string[]>();
  for (const t of templates) prefixes.set(t.credentialId, [...(prefixes.get(t.credentialId) ?? []), t.prefix]);
  const dependents = new Map<string, string[]>();
  for (const repository of repositories) {
    if (repository.credentialId === null) continue;
    dependents.set(repository.credentialId, [...(dependents.get(repository.credentialId) ?? []), repository.name]);
  }
  return credentials
    .filter((c) => canSeeCredential(actor, c))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => credentialView(c, dependents.get(c.id) ?? [], prefixes.get(c.id) ?? []));
}
