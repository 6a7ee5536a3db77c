import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { type CredentialChoice, credentialFactsForMany, findCredentialForUse } from "../credentials/credential-for-use.ts";
import { credentialServes } from "../credentials/credential-serves.ts";
import { openCredentialSecret } from "../credentials/open-credential-secret.ts";
import type { CoreDeps } from "../deps.ts";
import { gitCredentialUse } from "../repositories/git-credential-use.ts";
import type { Repository } from "../repositories/repository.ts";
import { type GrantAccess, requireTokenGrant, tokenGrantAllows } from "../users/token-grant.ts";
import { matchRepositoriesForGit, repositoryPathOf } from "./match-repository-for-git.ts";
import type { GitCredentialRequest } from "./parse-credential-request.ts";

/** What Repolink tells git: a username and password, or nothing with the reason (git then fails or asks elsewhere). */
export type GitCredentialAnswer =
  | { username: string; password: string; passwordExpiryUtc: number | null; credentialName: string; repository: Repository }
  | { none: string };

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
 * Answers git's `get` for a registered repository with the credential the one rule gives the caller
 * (`credentialForUse`: their mapping, the repository's credential, or a URL-prefix template), inside the caller's
 * token grant. Registrations never hide one another: there is one per repository, visible to everyone.
 * @throws AuthError `TOKEN_GRANT_DENIED`; ConflictError `CREDENTIAL_AMBIGUOUS`
 */
export async function answerGitCredential(
  deps: CoreDeps,
  actor: Actor,
  request: GitCredentialRequest,
  access: GrantAccess = "read",
): Promise<GitCredentialAnswer> {
  // git asks on every fetch and push of every runner: with a path, one indexed read finds the repository.
  const path = repositoryPathOf(request);
  const candidates = path === null ? await deps.store.repositories.list() : await deps.store.repositories.listByPath(path);
  const matches = matchRepositoriesForGit(request, candidates);
  const target = `${request.host}/${request.path ?? ""}`.slice(0, 300);
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
  const host = typeof found === "string" ? undefined : await deps.store.hosts.findByName(found.repository.hostName);
  if (typeof found === "string" || !host || found.choice.credential.kind === "ssh-key") {
    const reason = typeof found === "string" ? found : "credential not usable over HTTPS";
    await recordAudit(deps, actor, {
      action: "git-credential.get",
      targetType: "repository",
      targetName: target,
      outcome: "denied",
      detail: { reason },
    });
    return { none: reason };
  }
  const { repository, choice } = found;
  credentialServes(choice.credential, repository);
  const secret = await openCredentialSecret(deps, actor, choice.credential, `git-credential get ${target} (${choice.source})`);
  const auth = await deps.credentials.gitAuthFor(gitCredentialUse(choice.credential, secret, host, repository));
  if (auth.kind !== "token") return { none: "credential not usable over HTTPS" };
  return {
    username: auth.username,
    password: auth.token.reveal(),
    passwordExpiryUtc: choice.credential.expiresAt ? Math.floor(Date.parse(choice.credential.expiresAt) / 1000) : null,
    credentialName: choice.credential.name,
    repository,
  };
}
