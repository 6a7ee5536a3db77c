import type { Actor } from "../access/actor.ts";
import type { Repository } from "../repositories/repository.ts";

/** What a gateway request does to a repository: fetch or clone (`read`), or `push`. */
export type GatewayAccess = "read" | "push";

/** The gateway's verdict on one caller, repository and access; `reason` is one line shown to git. */
export type GatewayAccessDecision = { allowed: true } | { allowed: false; reason: string };

/**
 * THE ONE PLACE the Git gateway decides whether a caller may read or push a repository.
 * The caller got here with a valid API token and a credential it may use for the repository
 * (the helper's rule, `resolveGitCredential`); today that is the whole model: every signed-in
 * person sees every registered repository, and push needs what `repolink push` needs, nothing more.
 *
 * INTEGRATION POINT (access model, issue 14): once pipeline-token grants exist, check
 * `tokenGrantAllows(token, repository, access)` here (the grant's repositories, read/push and
 * expiry) and answer `{ allowed: false, reason }` when it refuses.
 */
export function decideGatewayAccess(actor: Actor, repository: Pick<Repository, "name">, access: GatewayAccess): GatewayAccessDecision {
  if (actor.id === null)
    return { allowed: false, reason: `Send an API token to ${access === "push" ? "push to" : "read"} ${repository.name}.` };
  return { allowed: true };
}
