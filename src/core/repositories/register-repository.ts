import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { findVisibleCredential } from "../credentials/credential-access.ts";
import { type CredentialChoice, chooseCredential, credentialFacts } from "../credentials/credential-for-use.ts";
import type { Credential } from "../credentials/credential.ts";
import type { CoreDeps } from "../deps.ts";
import { AppError, ConflictError, InputError } from "../errors.ts";
import { checkCredentialFits } from "./check-credential-fits.ts";
import { runConnectionCheck } from "./check-repository-connection.ts";
import { checkBranchName, checkNeeds, checkRepositoryName } from "./check-repository-fields.ts";
import type { ConnectionReport } from "./connection-report.ts";
import { type ParsedRepoUrl, parseRepoUrl } from "./parse-repo-url.ts";
import { type Repository, unlearntHostFacts } from "./repository.ts";
import { hostPathOf } from "./repository-path.ts";
import { checkNotASecret } from "../text/check-not-a-secret.ts";

/** A repository to register, as the API or CLI submits it. */
export interface NewRepository {
  url: string;
  /** The credential's name or id; it must be visible to the actor and bound to the URL's host. Without it, a URL-prefix template serves. */
  credential?: string;
  /** Accepted only when it is the derived name (older clients sent it); a repository's name is never chosen. */
  name?: string;
  branch?: string;
  needs?: string;
}

/**
 * A new repository's name, derived from its path, never chosen: the path, or `HOST:PATH` when a repository on another
 * host holds that path already.
 */
export async function derivedNameFor(deps: Pick<CoreDeps, "store" | "integrations">, parsed: ParsedRepoUrl): Promise<string> {
  const atPath = await deps.store.repositories.listByPath(parsed.path);
  const named = await deps.store.repositories.findByName(parsed.path);
  return named !== undefined || atPath.length > 0 ? hostPathOf(parsed) : checkRepositoryName(parsed.path, deps.integrations);
}

/**
 * Refuses a second registration of one repository (its host and path, ignoring case, whatever the scheme): there is
 * one team record, and a person wanting their own credential for it maps one.
 * @throws ConflictError `REPOSITORY_ALREADY_REGISTERED` (field `url`, `repository`)
 */
async function refuseDuplicate(deps: Pick<CoreDeps, "store">, parsed: ParsedRepoUrl): Promise<void> {
  const same = (await deps.store.repositories.listByPath(parsed.path)).find((r) => r.hostName === parsed.hostName);
  if (!same) return;
  throw new ConflictError(
    "REPOSITORY_ALREADY_REGISTERED",
    `${same.url} is already registered as ${same.name}; to use a credential of your own for it, run ` +
      `\`repolink repo map ${same.name} --credential NAME\`.`,
    { field: "url", repository: same.name },
  );
}

/**
 * The credential a new registration records (given, visible, bound to the host and of the right kind) or, without
 * one, the URL-prefix template the one rule picks (the repository then records none and follows its template).
 * @throws InputError `CREDENTIAL_REQUIRED`, `CREDENTIAL_HOST_MISMATCH`, `CREDENTIAL_KIND_MISMATCH`; NotFoundError `CREDENTIAL_NOT_FOUND`
 */
async function credentialOf(
  deps: CoreDeps,
  actor: Actor,
  input: NewRepository,
  draft: Repository,
): Promise<{ own: Credential | null; choice: CredentialChoice }> {
  if (input.credential !== undefined) {
    const credential = await findVisibleCredential(deps, actor, input.credential);
    checkCredentialFits(credential, draft);
    return { own: credential, choice: { credential, source: "repository", prefix: null } };
  }
  const facts = await credentialFacts(deps, actor, draft);
  const choice = chooseCredential(actor, draft, { ...facts, mapping: undefined, repositoryCredential: undefined });
  if (!choice) {
    throw new InputError(
      "CREDENTIAL_REQUIRED",
      `No URL-prefix template you may use matches ${draft.url}; give --credential NAME, or add a template with ` +
        `\`repolink credential update NAME --url-prefix PREFIX\`.`,
      "credential",
    );
  }
  return { own: null, choice };
}

/**
 * Registers a repository — one team record per host and path, named after its path — with a credential or the
 * URL-prefix template that matches it, then runs its connection check at once. Nothing is stored, and nothing sent
 * anywhere, unless the URL, the credential and its host all fit.
 * @throws InputError `REPO_URL_INVALID`, `HOST_UNKNOWN`, `CREDENTIAL_HOST_MISMATCH`, `CREDENTIAL_KIND_MISMATCH`, `CREDENTIAL_REQUIRED`,
 *   `REPOSITORY_NAME_INVALID`, `BRANCH_INVALID`, `NEEDS_INVALID`; NotFoundError `CREDENTIAL_NOT_FOUND`;
 *   ConflictError `REPOSITORY_ALREADY_REGISTERED`, `CREDENTIAL_AMBIGUOUS`
 */
export async function registerRepository(
  deps: CoreDeps,
  actor: Actor,
  input: NewRepository,
): Promise<{ repository: Repository; report: ConnectionReport; choice: CredentialChoice }> {
  checkNotASecret(input.url, "url", deps.integrations);
  // A pasted token is named for what it is before the name is compared with the derived one.
  if (input.name !== undefined) checkNotASecret(input.name, "name", deps.integrations);
  const parsed = parseRepoUrl(input.url, await deps.store.hosts.list());
  const needs = checkNeeds(input.needs);
  const branch = input.branch === undefined ? null : checkBranchName(input.branch);
  await refuseDuplicate(deps, parsed);
  const name = await derivedNameFor(deps, parsed);
  if (input.name !== undefined && input.name !== name && input.name !== hostPathOf(parsed)) {
    throw new InputError(
      "REPOSITORY_NAME_INVALID",
      `A repository's name is derived from its URL (${name}); it cannot be chosen. Leave name out.`,
      "name",
    );
  }
  const draft: Repository = {
    id: deps.newId(),
    name,
    hostName: parsed.hostName,
    path: parsed.path,
    owner: parsed.owner,
    repo: parsed.repo,
    url: parsed.cleanUrl,
    protocol: parsed.protocol,
    credentialId: null,
    defaultBranch: branch,
    ...unlearntHostFacts,
    needs,
    status: "unchecked",
    reasonCode: null,
    message: null,
    remedy: null,
    lastCheckedAt: null,
    createdBy: actor.username,
    createdAt: deps.now().toISOString(),
  };
  const { own, choice } = await credentialOf(deps, actor, input, draft);
  const repository: Repository = { ...draft, credentialId: own?.id ?? null };
  const credential = choice.credential;
  await deps.store.transaction(async (store) => {
    await store.repositories.insert(repository);
    await recordAudit({ ...deps, store }, actor, {
      action: "repository.add",
      targetType: "repository",
      targetId: repository.id,
      targetName: name,
      detail: { url: repository.url, credential: credential.name, source: choice.source, prefix: choice.prefix, needs },
    });
  });
  try {
    return { ...(await runConnectionCheck(deps, actor, repository)), choice };
  } catch (error) {
    // A request that answers with an error leaves nothing behind, so the same request can be
    // retried (a check that ran and found the connection failing is an answer, not an error).
    await deps.store
      .transaction(async (store) => {
        await store.repositories.delete(repository.id);
        await recordAudit({ ...deps, store }, actor, {
          action: "repository.add",
          targetType: "repository",
          targetId: repository.id,
          targetName: name,
          outcome: "failure",
          detail: {
            url: repository.url,
            credential: credential.name,
            code: error instanceof AppError ? error.code : "INTERNAL",
            undone: true,
          },
        });
      })
      .catch(() => undefined);
    throw error;
  }
}
