import type { CheckedRepository } from "../ports/integration.ts";
import type { Repository } from "./repository.ts";

/**
 * What a check learnt about a repository on its host, as a patch: the host's id (kept once learnt, so a repository
 * that later answers with another id is told apart), the host's default branch in its own field (the branch in use is
 * only filled in while none was chosen), and where a rename or transfer took it (cleared once it answers under its
 * registered path). A check that did not ask the host's API leaves the id and the move as they were.
 */
export function hostFactsPatch(
  current: Repository,
  checked: Pick<CheckedRepository, "defaultBranch" | "hostRepository">,
): Partial<Repository> {
  const facts = checked.hostRepository;
  const patch: Partial<Repository> = {
    defaultBranch: current.defaultBranch ?? checked.defaultBranch,
    hostDefaultBranch: checked.defaultBranch ?? current.hostDefaultBranch,
  };
  if (facts === undefined) return patch;
  const moved = facts.path.toLowerCase() !== current.path.toLowerCase();
  return {
    ...patch,
    hostRepositoryId: current.hostRepositoryId ?? facts.id,
    movedToPath: moved ? facts.path : null,
    movedToUrl: moved ? facts.url : null,
  };
}
