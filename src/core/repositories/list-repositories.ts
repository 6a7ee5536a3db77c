import type { Actor } from "../access/actor.ts";
import type { CoreDeps } from "../deps.ts";
import { canSeeCredential } from "../credentials/credential-access.ts";
import type { Credential } from "../credentials/credential.ts";
import { canSeeRepository } from "./can-see-repository.ts";
import type { Repository } from "./repository.ts";

/** Every repository (team records), by name, each with its own credential's name when the actor may see that credential. */
export async function listRepositories(
  deps: Pick<CoreDeps, "store">,
  actor: Actor,
): Promise<{ repository: Repository; credentialName: string | null }[]> {
  const [repositories, credentials] = await Promise.all([deps.store.repositories.list(), deps.store.credentials.list()]);
  const byId = new Map(credentials.map((c) => [c.id, c]));
  return repositories
    .filter(() => canSeeRepository(actor))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((repository) => ({
      repository,
      credentialName: nameIfVisible(actor, repository.credentialId === null ? undefined : byId.get(repository.credentialId)),
    }));
}

/** A credential's name for someone who may see it; another person's private credential stays nameless. */
export function nameIfVisible(actor: Actor, credential: Credential | undefined): string | null {
  return credential && canSeeCredential(actor, credential) ? credential.name : null;
}
