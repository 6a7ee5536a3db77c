import type { Actor } from "../access/actor.ts";
import type { Credential } from "../credentials/credential.ts";
import type { CoreDeps } from "../deps.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { canSeeRepository } from "./can-see-repository.ts";
import type { Repository } from "./repository.ts";
import { hostPathOf } from "./repository-path.ts";
import { parseRepositoryRef } from "./repository-ref.ts";

type Found = { repository: Repository; credential: Credential | undefined };

/**
 * Finds a repository by id, `HOST:PATH`, name or path among those the actor may see; one the
 * actor may not see gets the same answer as one that does not exist (CVE-2022-34779).
 * @throws NotFoundError `REPOSITORY_NOT_FOUND`; ConflictError `REPOSITORY_AMBIGUOUS`
 */
export async function getRepository(deps: Pick<CoreDeps, "store">, actor: Actor, ref: string): Promise<Repository> {
  return (await getRepositoryWithCredential(deps, actor, ref)).repository;
}

/**
 * Like getRepository, also returning the credential it loaded for the access check. The one
 * resolver of repository references: `HOST:PATH` names one repository; a bare name or path
 * works while it points at one, and is refused as ambiguous when the path is held on more
 * than one host or the name and the path point at different repositories.
 * @throws NotFoundError `REPOSITORY_NOT_FOUND`; ConflictError `REPOSITORY_AMBIGUOUS` (field `repository`, `candidates`)
 */
export async function getRepositoryWithCredential(deps: Pick<CoreDeps, "store">, actor: Actor, ref: string): Promise<Found> {
  const visible = async (candidates: (Repository | undefined)[]): Promise<Found[]> => {
    const found: Found[] = [];
    for (const repository of candidates) {
      if (repository === undefined || found.some((f) => f.repository.id === repository.id)) continue;
      const credential = repository.credentialId ? await deps.store.credentials.findById(repository.credentialId) : undefined;
      if (canSeeRepository(actor)) found.push({ repository, credential });
    }
    return found;
  };
  const parsed = parseRepositoryRef(ref);
  let found: Found[];
  if (parsed.kind === "id") {
    found = await visible([await deps.store.repositories.findById(parsed.id)]);
  } else if (parsed.kind === "host-path") {
    const atPath = await deps.store.repositories.listByPath(parsed.path);
    found = await visible(atPath.filter((r) => r.hostName.toLowerCase() === parsed.hostName));
  } else {
    const named = (await visible([await deps.store.repositories.findByName(parsed.text)]))[0];
    const atPath = await visible(await deps.store.repositories.listByPath(parsed.text));
    const onOneHost = new Set(atPath.map((f) => f.repository.hostName)).size === 1;
    // A name is exact, as it always was: it also wins over other registrations of its own path on its own host.
    const nameWins =
      named !== undefined && (atPath.length === 0 || (onOneHost && atPath.some((f) => f.repository.id === named.repository.id)));
    found = named === undefined ? atPath : nameWins ? [named] : [named, ...atPath.filter((f) => f.repository.id !== named.repository.id)];
  }
  const [first] = found;
  if (first === undefined) {
    throw new NotFoundError("REPOSITORY_NOT_FOUND", `No repository "${ref.slice(0, 140)}" that you can see.`, { field: "repository" });
  }
  if (found.length > 1) throw ambiguous(ref, found);
  return first;
}

/** The refusal of a reference that names several repositories, listing a reference to each (`HOST:PATH`, else its name). */
function ambiguous(ref: string, found: Found[]): ConflictError {
  const hostPaths = found.map((f) => hostPathOf(f.repository));
  const candidates = found.map((f, i) =>
    hostPaths.indexOf(hostPaths[i] ?? "") === hostPaths.lastIndexOf(hostPaths[i] ?? "") ? (hostPaths[i] ?? "") : f.repository.name,
  );
  return new ConflictError(
    "REPOSITORY_AMBIGUOUS",
    `"${ref.slice(0, 140)}" names ${found.length} repositories: ${candidates.join(", ")}; ` +
      `name one of them exactly (HOST:PATH, or its name).`,
    { field: "repository", candidates },
  );
}
