import type { Actor } from "../../access/actor.ts";
import type { CoreDeps } from "../../deps.ts";
import { InputError } from "../../errors.ts";
import { createCredential } from "../create-credential.ts";
import type { Credential } from "../credential.ts";
import type { AppManifestStates } from "./app-manifest-states.ts";

/**
 * Ends GitHub's App manifest flow: uses up the state (refused when unknown, used, expired or
 * another user's — before anything is asked of GitHub or stored), trades the code for the App's
 * ID and key, and stores them as the App credential named when the flow started (checked online).
 * @throws InputError `APP_MANIFEST_STATE_INVALID`, `APP_MANIFEST_CODE_INVALID`, `CREDENTIAL_CHECK_FAILED`…
 */
export async function finishAppManifest(
  deps: CoreDeps,
  states: AppManifestStates,
  actor: Actor,
  answer: { state: string; code: string },
): Promise<{ credential: Credential; appSlug: string }> {
  const start = await states.consume(answer.state, actor.id);
  const host = await deps.store.hosts.findByName(start.hostName);
  const manifests = host ? deps.integrations.get(host.kind).appManifests : undefined;
  if (!host || !manifests) throw new InputError("HOST_UNKNOWN", `host "${start.hostName}" is no longer registered.`, "host");
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(answer.code))
    throw new InputError("APP_MANIFEST_CODE_INVALID", "The code GitHub sent back is malformed; start again.", "code");
  const app = await manifests.convert(host, answer.code);
  const credential = await createCredential(deps, actor, {
    name: start.credentialName,
    scope: start.scope,
    hostName: host.name,
    secret: { kind: "github-app", appId: app.appId, privateKey: app.privateKey },
    validate: true,
  });
  return { credential, appSlug: app.slug };
}
