import type { Actor } from "../access/actor.ts";
import { requireAdmin } from "../access/require-admin.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { CoreDeps } from "../deps.ts";
import { ConflictError, InputError } from "../errors.ts";
import { hostKinds, type GitHost, type GithubHost, type Host } from "./host.ts";
import { checkKnownHosts } from "./check-known-hosts.ts";
import { checkNotASecret } from "../text/check-not-a-secret.ts";
import { checkNameText } from "../text/check-name-text.ts";

/** A host to register: a GitHub Enterprise Server (the default kind), or any Git server (`kind: "git"`). */
export interface NewHost {
  /** `github` (default) or `git`. */
  kind?: string;
  name: string;
  url: string;
  apiUrl?: string;
  graphqlUrl?: string;
  caBundle?: string | null;
  sshKnownHosts?: string | null;
  allowPrivateNetwork?: boolean;
}

const namePattern = /^[a-z0-9][a-z0-9.-]{0,99}$/;

/** A host URL normalised (no trailing slash, query, fragment or userinfo). @throws InputError `HOST_URL_INVALID` naming `field` */
export function baseUrl(raw: string, field: string): string {
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
 * Refuses a second host at an origin already registered (host name and port; http and https alike):
 * repository URLs are matched to hosts by it, so two hosts there would make a URL mean either.
 * A host being edited (`exceptId`) does not clash with itself.
 * @throws ConflictError `HOST_ORIGIN_TAKEN` naming the host that has it
 */
export async function checkOriginFree(deps: Pick<CoreDeps, "store">, webUrl: string, exceptId?: string): Promise<void> {
  const origin = new URL(webUrl).host;
  const holder = (await deps.store.hosts.list()).find((h) => h.id !== exceptId && new URL(h.webUrl).host === origin);
  if (holder !== undefined) {
    throw new ConflictError("HOST_ORIGIN_TAKEN", `${origin} is already registered as host "${holder.name}"; use that host.`, {
      field: "url",
      host: holder.name,
    });
  }
}

/** The kind asked for, `github` when none. @throws InputError `HOST_KIND_INVALID` */
function checkKind(raw: string | undefined): Host["kind"] {
  const kind = (raw ?? "github").trim().toLowerCase();
  const known = hostKinds.find((k) => k === kind);
  if (known === undefined) throw new InputError("HOST_KIND_INVALID", `kind must be one of ${hostKinds.join(", ")}.`, "kind");
  return known;
}

/** The API URLs of a GitHub host (defaults `<url>/api/v3` and `<url>/api/graphql`); a generic Git host has none. */
function apiUrls(
  kind: Host["kind"],
  webUrl: string,
  input: NewHost,
): Pick<GithubHost, "kind" | "apiUrl" | "graphqlUrl"> | Pick<GitHost, "kind" | "apiUrl" | "graphqlUrl"> {
  if (kind === "github")
    return {
      kind,
      apiUrl: input.apiUrl ? baseUrl(input.apiUrl, "apiUrl") : `${webUrl}/api/v3`,
      graphqlUrl: input.graphqlUrl ? baseUrl(input.graphqlUrl, "graphqlUrl") : `${webUrl}/api/graphql`,
    };
  for (const field of ["apiUrl", "graphqlUrl"] as const) {
    if (input[field]) throw new InputError("HOST_API_URL_UNSUPPORTED", `${field} is for GitHub hosts; a git host has no API.`, field);
  }
  return { kind, apiUrl: null, graphqlUrl: null };
}

/** A CA bundle of PEM certificates, or null for none. @throws InputError `CA_BUNDLE_INVALID` */
export function checkCaBundle(raw: string | null | undefined): string | null {
  const caBundle = raw?.trim() || null;
  if (caBundle !== null && !caBundle.includes("-----BEGIN CERTIFICATE-----")) {
    throw new InputError("CA_BUNDLE_INVALID", "caBundle must hold PEM certificates (-----BEGIN CERTIFICATE-----).", "caBundle");
  }
  return caBundle;
}

/**
 * Registers a GitHub Enterprise Server (API and GraphQL URLs default to `<url>/api/v3` and
 * `<url>/api/graphql`), or with `kind: "git"` any Git server, reached by Git alone.
 * @throws InputError `HOST_KIND_INVALID`, `HOST_NAME_INVALID`, `HOST_URL_INVALID`, `HOST_API_URL_UNSUPPORTED`, `CA_BUNDLE_INVALID`;
 *   ConflictError `HOST_NAME_TAKEN`, `HOST_ORIGIN_TAKEN`
 */
export async function addHost(deps: CoreDeps, actor: Actor, input: NewHost): Promise<Host> {
  requireAdmin(actor, "add hosts");
  const kind = checkKind(input.kind);
  checkNameText(input.name, "name", deps.integrations);
  const name = input.name.trim().toLowerCase();
  if (!namePattern.test(name)) {
    throw new InputError("HOST_NAME_INVALID", "name must be 1–100 characters: lower-case letters, digits, '.' or '-'.", "name");
  }
  checkNotASecret(input.url, "url", deps.integrations);
  const webUrl = baseUrl(input.url, "url");
  await checkOriginFree(deps, webUrl);
  const caBundle = checkCaBundle(input.caBundle);
  const host: Host = {
    id: deps.newId(),
    name,
    ...apiUrls(kind, webUrl, input),
    webUrl,
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
    detail: { kind, url: webUrl, allowPrivateNetwork: host.allowPrivateNetwork },
  });
  return host;
}
