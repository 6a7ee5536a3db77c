import type { Actor } from "../access/actor.ts";
import type { Repository } from "../repositories/repository.ts";
import { tokenGrantAllows } from "../users/token-grant.ts";

/** What a gateway request does to a repository: fetch or clone (`read`), or `push`. */
export type GatewayAccess = "read" | "push";

/** The gateway's verdict on one caller, repository and access; `reason` is one line shown to git. */
export type GatewayAccessDecision = { allowed: true } | { allowed: false; reason: string };

/**
 * THE ONE PLACE the Git gateway decides whether a caller may read or push a repository: a signed-in caller
 * (an API token) inside its pipeline-token grant (`tokenGrantAllows`: the grant's repositories, and `push` only
 * for a push grant; an expired token never gets here). The credential is then the one rule's
 * (`resolveGitCredential`): every signed-in person sees every registered repository.
 */
export function decideGatewayAccess(
  actor: Actor,
  repository: Pick<Repository, "name" | "hostName" | "path">,
  access: GatewayAccess,
): GatewayAccessDecision {
  const verb = access === "push" ? "push to" : "read";
  if (actor.id === null) return { allowed: false, reason: `Send an API token to ${verb} ${repository.name}.` };
  const grant = actor.grant;
  if (grant === undefined || tokenGrantAllows(grant, repository, access)) return { allowed: true };
  const scope = grant.repos === null ? "every repository" : grant.repos.join(", ");
  return {
    allowed: false,
    reason: `The token "${grant.tokenName}" may not ${verb} ${repository.name}: its grant is ${grant.access} on ${scope}.`,
  };
}
