import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { CoreDeps } from "../deps.ts";
import { AuthError, InputError } from "../errors.ts";
import { Secret } from "../secret.ts";
import { applyCheckResult, runCredentialCheck } from "./run-credential-check.ts";
import { credentialAad, type Credential, type CredentialRelease, type CredentialScope } from "./credential.ts";
import { checkReleaseChange } from "./check-release-change.ts";
import { checkSecretInput, type SecretInput } from "./credential-secret-input.ts";
import { checkCredentialName, checkCredentialUsername } from "./check-credential-name.ts";
import { checkCredentialNameFree } from "./check-credential-name-free.ts";
import { checkUrlPrefixes } from "./credential-templates.ts";

/** A new credential as the API or CLI submits it. */
export interface NewCredential {
  name: string;
  scope?: CredentialScope;
  hostName?: string;
  username?: string | null;
  secret: SecretInput;
  /** Check the secret online before storing it (default true). */
  validate?: boolean;
  /** `gateway-only` (admins): the secret never leaves the server. Default `helper`. */
  release?: CredentialRelease;
  /** URL-prefix templates: repositories under them without a credential of their own use this one. */
  urlPrefixes?: string[];
}

/**
 * Checks, seals and stores a credential; audits the attempt either way.
 * @throws InputError (field named), ConflictError `CREDENTIAL_NAME_TAKEN`, AuthError `FORBIDDEN`,
 *   InputError `CREDENTIAL_CHECK_FAILED` when the online check finds the secret unusable, `USERNAME_REQUIRED` for a token on a host
 *   whose kind has no default git username
 */
export async function createCredential(deps: CoreDeps, actor: Actor, input: NewCredential): Promise<Credential> {
  const name = checkCredentialName(input.name, deps.integrations);
  const scope = input.scope ?? (actor.role === "member" ? "private" : "global");
  try {
    if (scope === "global" && actor.role !== "admin" && actor.role !== "system") {
      throw new AuthError("forbidden", "FORBIDDEN", "Only an admin may create a global credential; use --scope private.");
    }
    if (scope === "private" && actor.id === null) {
      throw new InputError("SCOPE_INVALID", "A private credential needs a signed-in owner; use scope global.", "scope");
    }
    const hostName = input.hostName ?? "github.com";
    const host = await deps.store.hosts.findByName(hostName);
    if (!host)
      throw new InputError("HOST_UNKNOWN", `host "${hostName.slice(0, 100)}" is not registered; see \`repolink host list\`.`, "host");
    const integration = deps.integrations.get(host.kind);
    const username = checkCredentialUsername(input.username, deps.integrations);
    const { payload, preview } = await checkSecretInput(input.secret, integration.secrets, deps.sshKeys);
    // A kind with no default username (a generic Git server) cannot send a token without one.
    if (payload.kind === "token" && username === null && integration.defaultGitUsername === null)
      throw new InputError("USERNAME_REQUIRED", `username is required on ${host.name}: git sends it with the password.`, "username");
    const secret = new Secret(JSON.stringify(payload));
    const check = input.validate === false ? null : await runCredentialCheck(deps, host, payload, username);

    const id = deps.newId();
    const now = deps.now().toISOString();
    const sealed = deps.cipher.seal(secret, credentialAad(id, 1));
    const credential: Credential = {
      id,
      name,
      kind: payload.kind,
      scope,
      ownerId: scope === "private" ? actor.id : null,
      hostName,
      username,
      preview,
      fingerprint: deps.cipher.fingerprint(secret),
      secretBox: sealed.box,
      secretVersion: 1,
      kekId: sealed.kekId,
      status: "unchecked",
      validation: null,
      lastValidatedAt: null,
      expiresAt: null,
      release: checkReleaseChange(actor, input.release) ?? "helper",
      createdBy: actor.username,
      createdAt: now,
      updatedAt: now,
      ...(check ? applyCheckResult(check, now) : {}),
    };
    await deps.store.transaction(async (store) => {
      await checkCredentialNameFree(store, credential);
      await store.credentials.insert(credential);
      if (input.urlPrefixes !== undefined && input.urlPrefixes.length > 0)
        await store.urlPrefixes.set(id, await checkUrlPrefixes(store, actor, credential, host, input.urlPrefixes));
      await recordAudit({ ...deps, store }, actor, {
        action: "credential.create",
        targetType: "credential",
        targetId: id,
        targetName: name,
        detail: {
          type: credential.kind,
          scope,
          host: hostName,
          fingerprint: credential.fingerprint,
          status: credential.status,
          ...(input.urlPrefixes?.length ? { urlPrefixes: await store.urlPrefixes.listByCredential(id) } : {}),
        },
      });
    });
    return credential;
  } catch (error) {
    await recordAudit(deps, actor, {
      action: "credential.create",
      targetType: "credential",
      targetName: name,
      outcome: error instanceof AuthError ? "denied" : "failure",
      detail: { code: (error as { code?: string }).code ?? "INTERNAL" },
    });
    throw error;
  }
}
