import type { CoreDeps } from "../deps.ts";
import { NotFoundError } from "../errors.ts";
import { newTokenUrl } from "../../integrations/github/new-token-url.ts";

/** The prefilled "new token" pages of a host: classic (`repo` scope) and fine-grained (Contents write). */
export interface NewTokenLinks {
  host: string;
  classic: string;
  fineGrained: string;
}

/**
 * Links that open GitHub's token form prefilled for Repolink on the named host.
 * @throws NotFoundError `HOST_NOT_FOUND`
 */
export async function newTokenLink(
  deps: Pick<CoreDeps, "store">,
  hostName: string,
  options: { owner?: string } = {},
): Promise<NewTokenLinks> {
  const host = await deps.store.hosts.findByName(hostName);
  if (!host)
    throw new NotFoundError("HOST_NOT_FOUND", `No host "${hostName.slice(0, 100)}"; see \`repolink host list\`.`, { field: "host" });
  const description = `Repolink (${host.name})`;
  return {
    host: host.name,
    classic: newTokenUrl(host.webUrl, { kind: "classic", description }),
    fineGrained: newTokenUrl(host.webUrl, { kind: "fine-grained", description, ...(options.owner ? { targetName: options.owner } : {}) }),
  };
}
