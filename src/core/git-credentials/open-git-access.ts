import type { Actor } from "../access/actor.ts";
import type { CoreDeps } from "../deps.ts";
import { AuthError, InputError, NotFoundError } from "../errors.ts";
import type { Host } from "../hosts/host.ts";
import { getRepository } from "../repositories/get-repository.ts";
import type { Repository } from "../repositories/repository.ts";
import { type GrantAccess, requireTokenGrant } from "../users/token-grant.ts";
import { answerGitCredential, type GitCredentialAnswer } from "./answer-git-credential.ts";
import { matchRepositoriesForGit, repositoryPathOf } from "./match-repository-for-git.ts";
import type { GitCredentialRequest } from "./parse-credential-request.ts";

/** Everything a pipeline's git needs for one registered repository, in one answer. */
export interface GitAccess {
  repository: Repository;
  credential: Exclude<GitCredentialAnswer, { none: string }>;
  host: Pick<Host, "allowPrivateNetwork" | "caBundle">;
}

/** Which repository: by name or id, or by its clone URL (a working copy's origin). */
export type GitAccessTarget = { repository: string } | { url: string };

/** The credential request git would make for a clean clone URL, or null when it is no URL. */
export function credentialRequestFor(url: string): GitCredentialRequest | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return { protocol: parsed.protocol.replace(/:$/, ""), host: parsed.host, path: parsed.pathname.replace(/^\/+/, ""), username: null };
}

async function findByUrl(deps: CoreDeps, url: string): Promise<Repository | undefined> {
  const request = credentialRequestFor(url);
  const path = request === null ? null : repositoryPathOf(request);
  if (request === null || path === null) return undefined;
  return matchRepositoriesForGit(request, await deps.store.repositories.listByPath(path))[0];
}

/**
 * Hands a pipeline the stored token of a repository with the host's network policy, under
 * the same rule as git's credential helper (one place decides: `answerGitCredential`), inside
 * the caller's token grant at `access` (`read` for checkout, `push` for push), and audits the use.
 * `repolink checkout` and `push` need just this one request.
 * @throws NotFoundError `REPOSITORY_NOT_FOUND`; InputError `CHECKOUT_SSH_UNSUPPORTED`; AuthError `CREDENTIAL_UNAVAILABLE`,
 *   `TOKEN_GRANT_DENIED`; ConflictError `CREDENTIAL_AMBIGUOUS`
 */
export async function openGitAccess(
  deps: CoreDeps,
  actor: Actor,
  target: GitAccessTarget,
  access: GrantAccess = "read",
  gatewayOrigin: string | null = null,
): Promise<GitAccess> {
  const repository = "repository" in target ? await getRepository(deps, actor, target.repository) : await findByUrl(deps, target.url);
  if (!repository) throw new NotFoundError("REPOSITORY_NOT_FOUND", "No registered repository you can use has this URL.", { field: "url" });
  requireTokenGrant(actor, repository, access);
  if (repository.protocol !== "https") {
    throw new InputError(
      "CHECKOUT_SSH_UNSUPPORTED",
      `${repository.name} is registered with an SSH URL; the CLI checks out HTTPS repositories.`,
      "repository",
    );
  }
  const request = credentialRequestFor(repository.url);
  const credential = request === null ? null : await answerGitCredential(deps, actor, request, gatewayOrigin, access);
  if (!credential || "none" in credential)
    throw new AuthError(
      "forbidden",
      "CREDENTIAL_UNAVAILABLE",
      `Repolink gave no credential for ${repository.name}: ` +
        `${credential && "none" in credential ? credential.none : "its URL is unusable"}.`,
    );
  const host = await deps.store.hosts.findByName(repository.hostName);
  return { repository, credential, host: { allowPrivateNetwork: host?.allowPrivateNetwork ?? false, caBundle: host?.caBundle ?? null } };
}
