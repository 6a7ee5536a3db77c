import type { Actor } from "../access/actor.ts";
import { type CredentialChoice, credentialFactsForMany, findCredentialForUse } from "../credentials/credential-for-use.ts";
import { credentialServes } from "../credentials/credential-serves.ts";
import type { Credential } from "../credentials/credential.ts";
import type { CoreDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import type { Host } from "../hosts/host.ts";
import type { Repository } from "../repositories/repository.ts";
import { type GrantAccess, requireTokenGrant, tokenGrantAllows } from "../users/token-grant.ts";
import { matchRepositoriesForGit, repositoryPathOf } from "./match-repository-for-git.ts";
import type { GitCredentialRequest } from "./parse-credential-request.ts";

/** The credential that serves a git request over HTTPS, or why there is none (a reason safe to show and audit). */
export type GitCredentialResolution =
  | { kind: "found"; repository: Repository; credential: Credential; host: Host; source: CredentialChoice["source"] }
  | { kind: "none"; reason: string };

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

/** Without a path (`credential.useHttpPath` off): the one credential every repository on the host gets for the caller, if one. */
async function choiceWithoutPath(
  deps: CoreDeps,
  actor: Actor,
  matches: Repository[],
): Promise<{ repository: Repository; choice: CredentialChoice } | string> {
  const inGrant = matches.filter((r) => tokenGrantAllows(actor.grant, r, "read"));
  if (inGrant.length === 0) return matches.length === 0 ? "no registered repository" : "no repository on this host in the token's grant";
  const facts = await credentialFactsForMany(deps, actor, inGrant);
  const chosen = new Map<string, { repository: Repository; choice: CredentialChoice }>();
  for (const repository of inGrant) {
    const choice = facts(repository);
    if (choice) chosen.set(choice.credential.id, { repository, choice });
  }
  const [only, ...more] = [...chosen.values()];
  if (!only) return "no credential you may use serves these repositories";
  if (more.length > 0) return "repositories on this host use different credentials: set `git config credential.useHttpPath true`";
  return only;
}

/**
 * Git's view of THE credential rule (`credentialForUse`: the caller's mapping, the repository's credential, or a
 * URL-prefix template), inside the caller's token grant, for uses over HTTPS: tokens and GitHub App credentials
 * serve, SSH keys do not. Used by git's credential helper, `POST /git-access` and the Git gateway.
 * Registrations never hide one another: there is one per repository, visible to everyone.
 * @throws AuthError `TOKEN_GRANT_DENIED` (a request with a path outside the grant); ConflictError `CREDENTIAL_AMBIGUOUS`
 */
export async function resolveGitCredential(
  deps: CoreDeps,
  actor: Actor,
  request: GitCredentialRequest,
  access: GrantAccess = "read",
): Promise<GitCredentialResolution> {
  // git asks on every fetch and push of every runner: with a path, one indexed read finds the repository.
  const path = repositoryPathOf(request);
  const candidates = path === null ? await deps.store.repositories.list() : await deps.store.repositories.listByPath(path);
  const matches = matchRepositoriesForGit(request, candidates);
  let found: { repository: Repository; choice: CredentialChoice } | string;
  if (path === null) {
    found = await choiceWithoutPath(deps, actor, matches);
  } else {
    const [repository] = matches;
    if (repository) requireTokenGrant(actor, repository, access);
    const choice = repository && (await findCredentialForUse(deps, actor, repository));
    found = !repository
      ? "no registered repository"
      : choice
        ? { repository, choice }
        : "no credential you may use serves it; map one with `repolink repo map`";
  }
  if (typeof found === "string") return { kind: "none", reason: found };
  const { repository, choice } = found;
  const host = await deps.store.hosts.findByName(repository.hostName);
  if (!host || choice.credential.kind === "ssh-key" || !serves(choice.credential, repository)) {
    return { kind: "none", reason: "credential not usable over HTTPS" };
  }
  return { kind: "found", repository, credential: choice.credential, host, source: choice.source };
}
