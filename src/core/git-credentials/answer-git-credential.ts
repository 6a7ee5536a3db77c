import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { canSeeCredential } from "../credentials/credential-access.ts";
import { credentialServes } from "../credentials/credential-serves.ts";
import { openCredentialSecret } from "../credentials/open-credential-secret.ts";
import type { CoreDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import type { Credential } from "../credentials/credential.ts";
import { gitCredentialUse } from "../repositories/git-credential-use.ts";
import type { Repository } from "../repositories/repository.ts";
import { matchRepositoriesForGit, repositoryPathOf } from "./match-repository-for-git.ts";
import type { GitCredentialRequest } from "./parse-credential-request.ts";

/** What Repolink tells git: a username and password, or nothing (git then fails or asks elsewhere). */
export type GitCredentialAnswer = { username: string; password: string; passwordExpiryUtc: number | null; credentialName: string } | null;

/** Whether the credential may be sent for the repository; git's helper answers a refusal with no credential. */
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
 * Answers git's `get` for a registered repository the actor may use, with the token of
 * the repository's credential. Without a path, every matching repository must share one
 * credential, else there is no answer (set `credential.useHttpPath true`).
 */
export async function answerGitCredential(deps: CoreDeps, actor: Actor, request: GitCredentialRequest): Promise<GitCredentialAnswer> {
  // git asks on every fetch and push of every runner: with a path, one indexed read finds the candidates.
  const path = repositoryPathOf(request);
  const candidates = path === null ? await deps.store.repositories.list() : await deps.store.repositories.listByPath(path);
  const matches = matchRepositoriesForGit(request, candidates);
  const credentialIds = new Set(matches.map((r) => r.credentialId));
  const target = `${request.host}/${request.path ?? ""}`.slice(0, 300);
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
    await recordAudit(deps, actor, {
      action: "git-credential.get",
      targetType: "repository",
      targetName: target,
      outcome: "denied",
      detail: {
        reason:
          matches.length === 0 ? "no registered repository" : credentialIds.size > 1 ? "ambiguous without path" : "credential not usable",
      },
    });
    return null;
  }
  const secret = await openCredentialSecret(deps, actor, credential, `git-credential get ${target}`);
  const auth = await deps.credentials.gitAuthFor(gitCredentialUse(credential, secret, host, repository));
  if (auth.kind !== "token") return null;
  return {
    username: auth.username,
    password: auth.token.reveal(),
    // An App's installation token dies within the hour: git must not keep it longer.
    passwordExpiryUtc: auth.expiresAt
      ? Math.floor(Date.parse(auth.expiresAt) / 1000)
      : credential.expiresAt
        ? Math.floor(Date.parse(credential.expiresAt) / 1000)
        : null,
    credentialName: credential.name,
  };
}
