import type { Actor } from "../access/actor.ts";
import { canSeeCredential } from "../credentials/credential-access.ts";
import { credentialServes } from "../credentials/credential-serves.ts";
import type { Credential } from "../credentials/credential.ts";
import type { CoreDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import type { Host } from "../hosts/host.ts";
import type { Repository } from "../repositories/repository.ts";
import { matchRepositoriesForGit, repositoryPathOf } from "./match-repository-for-git.ts";
import type { GitCredentialRequest } from "./parse-credential-request.ts";

/** The credential that serves a git request, or why there is none (a reason safe to show and audit). */
export type GitCredentialResolution =
  | { kind: "found"; repository: Repository; credential: Credential; host: Host }
  | { kind: "none"; reason: "no registered repository" | "ambiguous without path" | "credential not usable" };

/** Whether the credential may be sent for the repository; a refusal means no credential. */
function serves(credential: Credential, repository: Repository): boolean {
  try {
    credentialServes(credential, repository);
    return true;
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}

/**
 * The one rule that picks the token credential git gets for a request: the registered
 * repositories matching it must share one credential the actor may see, bound to their host.
 * Used by git's credential helper, `POST /git-access` and the Git gateway.
 */
export async function resolveGitCredential(deps: CoreDeps, actor: Actor, request: GitCredentialRequest): Promise<GitCredentialResolution> {
  // git asks on every fetch and push of every runner: with a path, one indexed read finds the candidates.
  const path = repositoryPathOf(request);
  const candidates = path === null ? await deps.store.repositories.list() : await deps.store.repositories.listByPath(path);
  const matches = matchRepositoriesForGit(request, candidates);
  const credentialIds = new Set(matches.map((r) => r.credentialId));
  const credential = credentialIds.size === 1 ? await deps.store.credentials.findById([...credentialIds][0] ?? "") : undefined;
  const repository = matches[0];
  const host = repository && (await deps.store.hosts.findByName(repository.hostName));
  if (
    !credential ||
    !repository ||
    !host ||
    !canSeeCredential(actor, credential) ||
    credential.kind === "ssh-key" ||
    !serves(credential, repository)
  ) {
    const reason =
      matches.length === 0 ? "no registered repository" : credentialIds.size > 1 ? "ambiguous without path" : "credential not usable";
    return { kind: "none", reason };
  }
  return { kind: "found", repository, credential, host };
}
