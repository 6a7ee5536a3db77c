import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { findVisibleCredential } from "../credentials/credential-access.ts";
import { credentialServes } from "../credentials/credential-serves.ts";
import type { CoreDeps } from "../deps.ts";
import { AppError, InputError } from "../errors.ts";
import { runConnectionCheck } from "./check-repository-connection.ts";
import { checkBranchName, checkNeeds, checkRepositoryName } from "./check-repository-fields.ts";
import type { ConnectionReport } from "./connection-report.ts";
import { type ParsedRepoUrl, parseRepoUrl } from "./parse-repo-url.ts";
import type { Repository } from "./repository.ts";
import { hostPathOf } from "./repository-path.ts";
import { checkNotASecret } from "../text/check-not-a-secret.ts";

/** A repository to register, as the API or CLI submits it. */
export interface NewRepository {
  url: string;
  /** The credential's name or id; it must be visible to the actor and bound to the URL's host. */
  credential: string;
  name?: string;
  branch?: string;
  needs?: string;
}

/**
 * A new repository's name: its path, or `HOST:PATH` when a repository on another host is
 * already named after that path (on the same host, the path clashes as REPOSITORY_NAME_TAKEN).
 */
async function defaultNameFor(deps: Pick<CoreDeps, "store" | "integrations">, parsed: ParsedRepoUrl): Promise<string> {
  const named = await deps.store.repositories.findByName(parsed.path);
  return named !== undefined && named.hostName !== parsed.hostName
    ? hostPathOf(parsed)
    : checkRepositoryName(parsed.path, deps.integrations);
}

/**
 * Registers a repository with a credential, then runs its connection check at once.
 * Nothing is stored, and nothing sent anywhere, unless the URL, the credential and its host all fit.
 * @throws InputError `REPO_URL_INVALID`, `HOST_UNKNOWN`, `CREDENTIAL_HOST_MISMATCH`, `CREDENTIAL_KIND_MISMATCH`,
 *   `REPOSITORY_NAME_INVALID`, `BRANCH_INVALID`, `NEEDS_INVALID`; NotFoundError `CREDENTIAL_NOT_FOUND`;
 *   ConflictError `REPOSITORY_NAME_TAKEN`
 */
export async function registerRepository(
  deps: CoreDeps,
  actor: Actor,
  input: NewRepository,
): Promise<{ repository: Repository; report: ConnectionReport }> {
  checkNotASecret(input.url, "url", deps.integrations);
  const parsed = parseRepoUrl(input.url, await deps.store.hosts.list());
  const needs = checkNeeds(input.needs);
  const branch = input.branch === undefined ? null : checkBranchName(input.branch);
  const name = input.name === undefined ? await defaultNameFor(deps, parsed) : checkRepositoryName(input.name, deps.integrations);
  const credential = await findVisibleCredential(deps, actor, input.credential);
  credentialServes(credential, parsed);
  // An App mints tokens: it serves HTTPS like a token.
  const servesAs = credential.kind === "github-app" ? "token" : credential.kind;
  const wantsKind = parsed.protocol === "ssh" ? "ssh-key" : "token";
  if (servesAs !== wantsKind) {
    throw new InputError(
      "CREDENTIAL_KIND_MISMATCH",
      parsed.protocol === "ssh"
        ? "An SSH URL needs an ssh-key credential; use the HTTPS URL with a token."
        : "An HTTPS URL needs a token credential; use the SSH URL with an SSH key.",
      "credential",
    );
  }
  const repository: Repository = {
    id: deps.newId(),
    name,
    hostName: parsed.hostName,
    path: parsed.path,
    owner: parsed.owner,
    repo: parsed.repo,
    url: parsed.cleanUrl,
    protocol: parsed.protocol,
    credentialId: credential.id,
    defaultBranch: branch,
    needs,
    status: "unchecked",
    reasonCode: null,
    message: null,
    remedy: null,
    lastCheckedAt: null,
    createdBy: actor.username,
    createdAt: deps.now().toISOString(),
  };
  await deps.store.transaction(async (store) => {
    await store.repositories.insert(repository);
    await recordAudit({ ...deps, store }, actor, {
      action: "repository.add",
      targetType: "repository",
      targetId: repository.id,
      targetName: name,
      detail: { url: repository.url, credential: credential.name, needs },
    });
  });
  try {
    return await runConnectionCheck(deps, actor, repository);
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
