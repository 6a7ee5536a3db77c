import type { Actor } from "../access/actor.ts";
import type { CoreDeps } from "../deps.ts";
import { canSeeCredential } from "./credential-access.ts";
import { credentialView, type CredentialView } from "./credential-view.ts";

/** The credentials the actor may see, each with the names of the repositories using it. */
export async function listCredentials(deps: Pick<CoreDeps, "store">, actor: Actor): Promise<CredentialView[]> {
  const [credentials, repositories] = await Promise.all([deps.store.credentials.list(), deps.store.repositories.list()]);
  const dependents = new Map<string, string[]>();
  for (const repository of repositories) {
    if (repository.credentialId === null) continue;
    dependents.set(repository.credentialId, [...(dependents.get(repository.credentialId) ?? []), repository.name]);
  }
  return credentials
    .filter((c) => canSeeCredential(actor, c))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => credentialView(c, dependents.get(c.id) ?? []));
}
