import { AppError } from "../../core/errors.ts";
import type { CheckSession } from "../../core/ports/integration.ts";
import type { CheckStep } from "../../core/repositories/connection-report.ts";
import type { Repository } from "../../core/repositories/repository.ts";
import type { Secret } from "../../core/secret.ts";
import { githubApiTarget } from "./github-api-target.ts";
import type { GithubClient } from "./github-client.ts";
import type { ApiFacts } from "./github-repository-facts.ts";

const NEW_TOKEN_PAGE = "Settings → Developer settings → Personal access tokens → Fine-grained tokens";

/** The visibility step for a repository a fine-grained token cannot see, now that its likely cause is known; `null` keeps the plain one. */
function diagnosis(
  repository: Repository,
  login: string | null,
  reachedOwners: string[],
  ownerType: string | null,
  webUrl: string,
): CheckStep | null {
  const { owner } = repository;
  const fullName = `${owner}/${repository.repo}`;
  const same = (a: string) => a.toLowerCase() === owner.toLowerCase();
  if (reachedOwners.some(same)) {
    return {
      name: "visibility",
      status: "failed",
      code: "REPO_NOT_VISIBLE",
      message: `This fine-grained token reaches private repositories of ${owner}, but not ${fullName}.`,
      remedy: `On GitHub (${NEW_TOKEN_PAGE}), edit the token: add ${fullName} under Repository access, or choose All repositories.`,
    };
  }
  const wrongOwner = (resourceOwner: string | null): CheckStep => ({
    name: "visibility",
    status: "failed",
    code: "FINE_GRAINED_WRONG_OWNER",
    message:
      `This fine-grained token's resource owner is ${resourceOwner ?? "not " + owner}, but ${fullName} belongs to ${owner}: ` +
      `a fine-grained token reaches the repositories of one owner only.`,
    remedy:
      `Create a fine-grained token with Resource owner ${owner} (${NEW_TOKEN_PAGE} → Generate new token) ` +
      `and store it as a credential of its own for ${owner}'s repositories.`,
  });
  if (reachedOwners.length > 0) return wrongOwner(reachedOwners[0]!);
  if (ownerType === "Organization") {
    return {
      name: "visibility",
      status: "failed",
      code: "FINE_GRAINED_APPROVAL_PENDING",
      message:
        `The token works (signed in as ${login ?? "its owner"}) and ${owner}'s public repositories answer, but the private ${fullName} ` +
        `does not: the token's request to reach ${owner} is most likely still waiting for an organization owner's approval.`,
      remedy:
        `Ask an owner of ${owner} to approve the request ` +
        `(${owner} → Settings → Personal access tokens → Pending requests: ` +
        `${webUrl.replace(/\/+$/, "")}/organizations/${encodeURIComponent(owner)}/settings/personal-access-token-requests), ` +
        `then check again. ` +
        `If the token's resource owner is not ${owner}, create one that is.`,
    };
  }
  if (ownerType === "User" && login !== null && !same(login)) return wrongOwner(login);
  return null;
}

/**
 * Says why a fine-grained token cannot see a repository (GitHub answers only "not found"): a
 * request the organization has not approved yet, a token whose one resource owner is another
 * account, or a repository left out of the token's selection. Asks GitHub at most twice per
 * owner; in a health cycle only within the budget, else the plain step stays.
 */
export async function diagnoseFineGrainedVisibility(
  client: GithubClient,
  session: CheckSession,
  token: Secret,
  login: string | null,
  repositories: readonly Repository[],
  facts: ApiFacts,
): Promise<ApiFacts> {
  const hidden = repositories.filter((r) => facts.steps.get(r.id)?.step.code === "REPO_NOT_VISIBLE");
  if (hidden.length === 0 || !client.privateRepositoryOwners || !client.getAccountType) return facts;
  const target = githubApiTarget(session.host);
  const ask = async <T>(call: () => Promise<T>): Promise<T | undefined> => {
    if (session.budget && !session.budget.reserve("rest", 1)) return undefined;
    try {
      return await session.limit(call);
    } catch (error) {
      if (error instanceof AppError) return undefined;
      throw error;
    } finally {
      session.budget?.settle("rest", 1, 1, null);
    }
  };
  const reached = await ask(() => client.privateRepositoryOwners!(target, token));
  if (reached === undefined) return facts;
  const types = new Map<string, Promise<"User" | "Organization" | null | undefined>>();
  const steps = new Map(facts.steps);
  for (const repository of hidden) {
    const key = repository.owner.toLowerCase();
    if (!types.has(key))
      types.set(
        key,
        ask(() => client.getAccountType!(target, token, repository.owner)),
      );
    const step = diagnosis(repository, login, reached, (await types.get(key)) ?? null, session.host.webUrl);
    if (step) steps.set(repository.id, { step, info: null });
  }
  return { ...facts, steps };
}
