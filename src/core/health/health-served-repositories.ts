import { systemActor } from "../access/actor.ts";
import { credentialFactsForMany } from "../credentials/credential-for-use.ts";
import type { Credential } from "../credentials/credential.ts";
import type { CoreDeps } from "../deps.ts";
import type { Repository } from "../repositories/repository.ts";

/**
 * Which credential a scheduled check uses for each repository, under the one rule as the system sees it: the
 * repository's own credential, else the team's longest matching URL-prefix template (members' private templates
 * and mappings speak for those members only). A repository with no such credential, or an ambiguous one, is left
 * out: the check could not send anything for it.
 */
async function servingCredentialIds(deps: Pick<CoreDeps, "store">, repositories: Repository[]): Promise<Map<string, string>> {
  const choose = await credentialFactsForMany(deps, systemActor, repositories);
  const serving = new Map<string, string>();
  for (const repository of repositories) {
    let credentialId: string | undefined;
    try {
      credentialId = choose(repository)?.credential.id;
    } catch {
      credentialId = undefined; // two templates of one length: the owner sees CREDENTIAL_AMBIGUOUS on use
    }
    if (credentialId !== undefined) serving.set(repository.id, credentialId);
  }
  return serving;
}

/** The credential each of `repositories` is checked with: its own, else the team template that serves it (absent: none). */
export async function healthCredentialOf(deps: Pick<CoreDeps, "store">, repositories: Repository[]): Promise<Map<string, string>> {
  const serving = await servingCredentialIds(
    deps,
    repositories.filter((r) => r.credentialId === null),
  );
  for (const r of repositories) if (r.credentialId !== null) serving.set(r.id, r.credentialId);
  return serving;
}

/**
 * The repositories a health cycle checks with `credential`: those registered with it, and — when it is a team
 * credential with URL-prefix templates — those without a credential whose URL its template serves.
 */
export async function healthRepositoriesOf(deps: Pick<CoreDeps, "store">, credential: Credential): Promise<Repository[]> {
  const own = await deps.store.repositories.listByCredential(credential.id);
  if (credential.scope !== "global" || (await deps.store.urlPrefixes.listByCredential(credential.id)).length === 0) return own;
  const withoutCredential = (await deps.store.repositories.list()).filter((r) => r.credentialId === null);
  const serving = await servingCredentialIds(deps, withoutCredential);
  return [...own, ...withoutCredential.filter((r) => serving.get(r.id) === credential.id)];
}
