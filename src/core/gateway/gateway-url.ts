import type { Repository } from "../repositories/repository.ts";

/**
 * A repository's Git gateway URL on the Repolink at `origin` (its public URL when one is set):
 * `https://repolink.example.com/git/github.com/acme/rocket.git`.
 */
export function gatewayUrlOf(origin: string, repository: Pick<Repository, "hostName" | "path">): string {
  return `${origin.replace(/\/+$/, "")}/git/${repository.hostName}/${repository.path}.git`;
}
