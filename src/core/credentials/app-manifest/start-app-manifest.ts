import type { Actor } from "../../access/actor.ts";
import type { CoreDeps } from "../../deps.ts";
import { AuthError, InputError } from "../../errors.ts";
import { checkCredentialName } from "../check-credential-name.ts";
import { checkCredentialNameFree } from "../check-credential-name-free.ts";
import type { CredentialScope } from "../credential.ts";
import type { AppManifestStates } from "./app-manifest-states.ts";

/** What the web UI asks for when it starts GitHub's App manifest flow. */
export interface AppManifestRequest {
  hostName: string;
  credentialName: string;
  scope?: CredentialScope;
  /** Create the App under this organization instead of the signed-in user. */
  organization?: string | null;
  /** Where the browser reaches Repolink (GitHub sends the user back there). */
  origin: string;
}

/** The form the browser posts to the host: its address (with the state) and the manifest. */
export interface AppManifestForm {
  postUrl: string;
  manifest: string;
  state: string;
  expiresAt: string;
}

/** Where GitHub sends the browser back with `?code=…&state=…`: a page of the web UI. */
export const manifestReturnPath = "/connect/github-app/created";

// GitHub's rule for an account or organization login.
const loginPattern = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/**
 * Starts GitHub's App manifest flow: checks the credential the App will be stored as (name free, scope
 * allowed, host known and able to create Apps), issues a single-use state, and builds the manifest with
 * the permissions Repolink needs (Contents: write, Metadata: read; private; no webhook).
 * @throws InputError `CREDENTIAL_NAME_INVALID`, `HOST_UNKNOWN`, `OWNER_INVALID`, `CREDENTIAL_KIND_UNSUPPORTED`;
 *   ConflictError `CREDENTIAL_NAME_TAKEN`; AuthError `FORBIDDEN`
 */
export async function startAppManifest(
  deps: CoreDeps,
  states: AppManifestStates,
  actor: Actor,
  request: AppManifestRequest,
): Promise<AppManifestForm> {
  const credentialName = checkCredentialName(request.credentialName, deps.integrations);
  const scope = request.scope ?? (actor.role === "member" ? "private" : "global");
  if (scope === "global" && actor.role !== "admin")
    throw new AuthError("forbidden", "FORBIDDEN", "Only an admin may create a credential for the whole team; choose “Only me”.");
  const host = await deps.store.hosts.findByName(request.hostName);
  if (!host) throw new InputError("HOST_UNKNOWN", `host "${request.hostName.slice(0, 100)}" is not registered.`, "host");
  const manifests = deps.integrations.get(host.kind).appManifests;
  if (!manifests) throw new InputError("CREDENTIAL_KIND_UNSUPPORTED", `${host.name} cannot create GitHub Apps from a manifest.`, "host");
  const organization = request.organization?.trim() || null;
  if (organization !== null && !loginPattern.test(organization))
    throw new InputError("OWNER_INVALID", "The organization must be a GitHub organization name, such as acme.", "organization");
  await checkCredentialNameFree(deps.store, { id: "", name: credentialName, scope, ownerId: scope === "private" ? actor.id : null });

  const { state, expiresAt } = await states.issue({ userId: actor.id, hostName: host.name, credentialName, scope });
  const origin = request.origin.replace(/\/+$/, "");
  const manifest = {
    // GitHub App names are unique on the host and at most 34 characters; GitHub's page lets the user change it.
    name: `Repolink ${credentialName}`.slice(0, 34),
    url: origin,
    description: `Lets Repolink at ${origin} clone and push the repositories it is installed on.`,
    redirect_url: `${origin}${manifestReturnPath}`,
    public: false,
    default_permissions: { contents: "write", metadata: "read" },
    default_events: [],
    hook_attributes: { url: `${origin}/`, active: false },
  };
  const postUrl = `${manifests.newAppUrl(host, organization)}?${new URLSearchParams({ state })}`;
  return { postUrl, manifest: JSON.stringify(manifest), state, expiresAt };
}
