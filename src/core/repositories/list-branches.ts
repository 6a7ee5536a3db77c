import type { Actor } from "../access/actor.ts";
import { openCredentialSecret } from "../credentials/open-credential-secret.ts";
import type { CoreDeps } from "../deps.ts";
import { credentialServes } from "../credentials/credential-serves.ts";
import { credentialForUse } from "../credentials/credential-for-use.ts";
import { AppError, InputError } from "../errors.ts";
import { getRepository } from "./get-repository.ts";
import { gitCredentialUse } from "./git-credential-use.ts";
import { gitRemoteFor } from "./git-remote-for.ts";

/** One branch as Repolink shows it; `protected` is null when only Git was asked. */
export interface BranchView {
  name: string;
  default: boolean;
  protected: boolean | null;
}

/**
 * The repository's branches with the default one marked: from the host's API where its kind
 * has one (GitHub), or from `git ls-remote` when the API fails or cannot be used (an SSH key).
 * @throws NotFoundError `REPOSITORY_NOT_FOUND`; InputError `CREDENTIAL_DELETED`, `CREDENTIAL_HOST_MISMATCH`; AuthError
 *   `CREDENTIAL_UNAVAILABLE`; ConflictError `CREDENTIAL_AMBIGUOUS`; UpstreamError from git
 */
export async function listBranches(
  deps: CoreDeps,
  actor: Actor,
  ref: string,
): Promise<{ defaultBranch: string | null; source: "api" | "git"; items: BranchView[] }> {
  const repository = await getRepository(deps, actor, ref);
  const { credential } = await credentialForUse(deps, actor, repository);
  const host = await deps.store.hosts.findByName(repository.hostName);
  if (!host) throw new InputError("CREDENTIAL_DELETED", `Repository "${repository.name}" has no usable credential or host.`, "repository");
  credentialServes(credential, repository);
  const secret = await openCredentialSecret(deps, actor, credential, `list branches of ${repository.name}`);
  const mark = (name: string, head: string | null) => name === (repository.defaultBranch ?? head);
  const api = deps.integrations.get(host.kind).branches;
  const apiAuth = api ? await deps.credentials.apiAuthFor({ credential, secret, host }) : null;
  let apiError: AppError | null = null;
  if (api && apiAuth) {
    try {
      const branches = await api.listBranches(host, apiAuth, repository);
      return {
        defaultBranch: repository.defaultBranch,
        source: "api",
        items: branches.map((b) => ({ name: b.name, default: mark(b.name, null), protected: b.protected })),
      };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      apiError = error;
    }
  }
  const auth = await deps.credentials.gitAuthFor(gitCredentialUse(credential, secret, host, repository));
  // When git fails too, the API's refusal says more (e.g. which permission the token lacks) than git's.
  const { refs, head } = await deps.git.lsRemote(gitRemoteFor(host, repository, auth), { timeoutMs: 30_000 }).catch((error: unknown) => {
    throw apiError ?? error;
  });
  const headBranch = head?.replace(/^refs\/heads\//, "") ?? null;
  const names = refs
    .filter((r) => r.name.startsWith("refs/heads/"))
    .map((r) => r.name.slice("refs/heads/".length))
    .sort();
  return {
    defaultBranch: repository.defaultBranch ?? headBranch,
    source: "git",
    items: names.map((name) => ({ name, default: mark(name, headBranch), protected: null })),
  };
}
