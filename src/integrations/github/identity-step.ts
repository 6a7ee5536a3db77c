import type { HostRepositoryFacts } from "../../core/ports/integration.ts";
import { skippedStep, type CheckStep } from "../../core/repositories/connection-report.ts";
import type { Repository } from "../../core/repositories/repository.ts";
import type { RepositoryInfo } from "./github-client.ts";

/** Who GitHub says the repository is, and where it lives now, for the registration's protocol. */
export function hostRepositoryOf(repository: Repository, info: RepositoryInfo): HostRepositoryFacts {
  return { id: info.id, path: info.fullName, url: repository.protocol === "ssh" ? info.sshUrl : info.cloneUrl };
}

/** The transport step of a moved repository: not run, as the old URL only redirects. */
export const movedTransportStep = (): CheckStep =>
  skippedStep("transport", "Not run: the repository moved, and Repolink's Git never follows a redirect; follow the move first.");

/** True when GitHub answered for the registered name with a repository under another name: it was renamed or transferred. */
export function hasMoved(repository: Repository, info: RepositoryInfo): boolean {
  return info.fullName.toLowerCase() !== repository.path.toLowerCase();
}

/**
 * The visibility step when GitHub's answer is not simply the registered repository: `REPO_MOVED` (a warning) when the
 * registered name now leads to another `nameWithOwner` — GitHub follows renames and transfers — and `REPO_REPLACED`
 * (a failure) when another repository (another id) holds the registered name. Null when it is the one registered.
 */
export function identityStep(repository: Repository, info: RepositoryInfo): CheckStep | null {
  const registered = repository.path;
  if (hasMoved(repository, info)) {
    const url = hostRepositoryOf(repository, info).url;
    return {
      name: "visibility",
      status: "warning",
      code: "REPO_MOVED",
      message: `${registered} was renamed or transferred: GitHub now calls it ${info.fullName} (${url}).`,
      remedy:
        `Run \`repolink repo update ${repository.name} --follow-move\` (or Follow the move on its page) to adopt the new name ` +
        "and URL; its history is kept. Until then Repolink's Git operations, which never follow redirects, use the old URL.",
    };
  }
  if (repository.hostRepositoryId !== null && info.id !== null && info.id !== repository.hostRepositoryId) {
    return {
      name: "visibility",
      status: "failed",
      code: "REPO_REPLACED",
      message:
        `${registered} is another repository now (GitHub id ${info.id}, registered as ${repository.hostRepositoryId}): ` +
        "the one registered was deleted, or moved away and its name taken.",
      remedy: "Find where the repository went on GitHub and register it by its new URL, then remove this registration.",
    };
  }
  return null;
}
