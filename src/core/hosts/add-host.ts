import type { Actor } from "../access/actor.ts";
import { requireAdmin } from "../access/require-admin.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { CoreDeps } from "../deps.ts";
import { InputError } from "../errors.ts";
import type { Host } from "./host.ts";
import { checkKnownHosts } from "./check-known-hosts.ts";

/** A GitHub Enterprise Server to register. */
export interface NewHost {
  name: string;
  url: string;
  apiUrl?: string;
  graphqlUrl?: string;
  caBundle?: string | null;
  sshKnownHosts?: string | null;
  allowPrivateNetwork?: boolean;
}

const namePattern = /^[a-z0-9][a-z0-9.-]{0,99}$/;

function baseUrl(raw: string, field: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new InputError("HOST_URL_INVALID", `${field} must be an absolute http(s) URL.`, field);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new InputError("HOST_URL_INVALID", `${field} must use https (or http).`, field);
  if (url.username || url.password) throw new InputError("HOST_URL_INVALID", `${field} must not contain a username or password.`, field);
  if (url.search || url.hash) throw new InputError("HOST_URL_INVALID", `${field} must not have a query or fragment.`, field);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/**
 * Registers a GitHub Enterprise Server; API and GraphQL URLs default to `<url>/api/v3`
 * and `<url>/api/graphql`.
 * @throws InputError `HOST_NAME_INVALID`, `HOST_URL_INVALID`, `CA_BUNDLE_INVALID`; ConflictError `HOST_NAME_TAKEN`
 */
export async function addHost(deps: CoreDeps, actor: Actor, input: NewHost): Promise<Host> {
  requireAdmin(actor, "add hosts");
  const name = input.name.trim().toLowerCase();
  if (!namePattern.test(name)) {
    throw new InputError("HOST_NAME_INVALID", "name must be 1–100 characters: lower-case letters, digits, '.' or '-'.", "name");
  }
  const webUrl = baseUrl(input.url, "url");
  const caBundle = input.caBundle?.trim() || null;
  if (caBundle !== null && !caBundle.includes("-----BEGIN CERTIFICATE-----")) {
    throw new InputError("CA_BUNDLE_INVALID", "caBundle must hold PEM certificates (-----BEGIN CERTIFICATE-----).", "caBundle");
  }
  const host: Host = {
    id: deps.newId(),
    name,
    kind: "github",
    webUrl,
    apiUrl: input.apiUrl ? baseUrl(input.apiUrl, "apiUrl") : `${webUrl}/api/v3`,
    graphqlUrl: input.graphqlUrl ? baseUrl(input.graphqlUrl, "graphqlUrl") : `${webUrl}/api/graphql`,
    caBundle,
    sshKnownHosts: input.sshKnownHosts?.trim() ? checkKnownHosts(input.sshKnownHosts) : null,
    allowPrivateNetwork: input.allowPrivateNetwork ?? false,
    builtIn: false,
    createdAt: deps.now().toISOString(),
  };
  await deps.store.hosts.insert(host);
  await recordAudit(deps, actor, {
    action: "host.add",
    targetType: "host",
    targetId: host.id,
    targetName: name,
    detail: { url: webUrl, allowPrivateNetwork: host.allowPrivateNetwork },
  });
  return host;
}
