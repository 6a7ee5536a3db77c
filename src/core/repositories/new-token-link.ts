import type { CoreDeps } from "../deps.ts";
import { InputError, NotFoundError } from "../errors.ts";

/** The prefilled "new token" pages of a host, by name (GitHub: `classic` with `repo` scope, `fineGrained` with Contents write). */
export type NewTokenLinks = { host: string } & Record<string, string>;

/**
 * Links that open the host's own token form prefilled for Repolink.
 * @throws NotFoundError `HOST_NOT_FOUND`; InputError `NEW_TOKEN_LINK_UNSUPPORTED` when the host's kind has no such form
 */
export async function newTokenLink(
  deps: Pick<CoreDeps, "store" | "integrations">,
  hostName: string,
  options: { owner?: string } = {},
): Promise<NewTokenLinks> {
  const host = await deps.store.hosts.findByName(hostName);
  if (!host)
    throw new NotFoundError("HOST_NOT_FOUND", `No host "${hostName.slice(0, 100)}"; see \`repolink host list\`.`, { field: "host" });
  const description = `Repolink (${host.name})`;
  const integration = deps.integrations.get(host.kind);
  if (!integration.newTokenLinks)
    throw new InputError("NEW_TOKEN_LINK_UNSUPPORTED", `${integration.label} hosts have no form that creates a token.`, "host");
  return { host: host.name, ...integration.newTokenLinks.links(host, { description, ...(options.owner ? { owner: options.owner } : {}) }) };
}
