import type { CoreDeps } from "../../../core/deps.ts";
import { InputError } from "../../../core/errors.ts";
import { createCredential } from "../../../core/credentials/create-credential.ts";
import { deleteCredential } from "../../../core/credentials/delete-credential.ts";
import { findVisibleCredential } from "../../../core/credentials/credential-access.ts";
import { credentialView } from "../../../core/credentials/credential-view.ts";
import { listCredentials } from "../../../core/credentials/list-credentials.ts";
import { updateCredential } from "../../../core/credentials/update-credential.ts";
import { validateCredential } from "../../../core/credentials/validate-credential.ts";
import { rotateCredentialSafely, rotationRow } from "../../../core/credentials/rotate-credential-safely.ts";
import { recheckCredentialRepositories } from "../../../core/health/recheck-credential-repositories.ts";
import type { SecretInput } from "../../../core/credentials/credential-secret-input.ts";
import { credentialContract as routes } from "../../../contract/routes/credential-contract.ts";
import type { ApiApp, Guard } from "../api-env.ts";
import type { BackgroundTasks } from "../background-tasks.ts";

type SecretBody = {
  secret?: string;
  privateKey?: string;
  passphrase?: string | null | undefined;
  appId?: string | undefined;
  installationId?: string | null | undefined;
};

function secretInput(type: "token" | "ssh-key" | "github-app", body: SecretBody, rotation = false): SecretInput {
  if (type === "github-app") {
    if (body.privateKey === undefined)
      throw new InputError("APP_KEY_REQUIRED", "privateKey is required for a github-app credential (the App's .pem file).", "privateKey");
    // On a key rotation the stored App ID (and installation, unless given) stay.
    if (!rotation && body.appId === undefined)
      throw new InputError("APP_ID_INVALID", "appId is required for a github-app credential.", "appId");
    return {
      kind: "github-app",
      appId: body.appId ?? null,
      privateKey: body.privateKey,
      ...(body.installationId === undefined ? {} : { installationId: body.installationId }),
    };
  }
  if (type === "token") {
    if (body.secret === undefined) throw new InputError("SECRET_REQUIRED", "secret is required for a token credential.", "secret");
    return { kind: "token", secret: body.secret };
  }
  if (body.privateKey === undefined)
    throw new InputError("SSH_KEY_REQUIRED", "privateKey is required for an ssh-key credential.", "privateKey");
  return { kind: "ssh-key", privateKey: body.privateKey, passphrase: body.passphrase ?? null };
}

/** How many repositories use the credential: a count of its repositories only, never their rows. */
async function usedByCount(deps: CoreDeps, credentialId: string): Promise<number> {
  const byStatus = await deps.store.repositories.countByStatus({ credentialId });
  return Object.values(byStatus).reduce((sum, n) => sum + n, 0);
}

/** The credential manager's API: secrets go in, only previews and fingerprints come out. */
export function credentialRoutes(app: ApiApp, guard: Guard, deps: CoreDeps, background: BackgroundTasks): void {
  app.openapi(guard(routes.listCredentials), async (c) => c.json({ items: await listCredentials(deps, c.get("actor")) }, 200));
  app.openapi(guard(routes.createCredential), async (c) => {
    const body = c.req.valid("json");
    const credential = await createCredential(deps, c.get("actor"), {
      name: body.name,
      ...(body.scope ? { scope: body.scope } : {}),
      ...(body.host ? { hostName: body.host } : {}),
      username: body.username ?? null,
      secret: secretInput(body.type, body),
      validate: body.validate,
      ...(body.release ? { release: body.release } : {}),
      ...(body.urlPrefixes === undefined ? {} : { urlPrefixes: body.urlPrefixes }),
    });
    return c.json({ credential: credentialView(credential, 0, await deps.store.urlPrefixes.listByCredential(credential.id)) }, 201);
  });
  app.openapi(guard(routes.getCredential), async (c) => {
    const credential = await findVisibleCredential(deps, c.get("actor"), c.req.valid("param").ref);
    return c.json(
      {
        credential: credentialView(
          credential,
          await usedByCount(deps, credential.id),
          await deps.store.urlPrefixes.listByCredential(credential.id),
        ),
      },
      200,
    );
  });
  app.openapi(guard(routes.updateCredential), async (c) => {
    const body = c.req.valid("json");
    const actor = c.get("actor");
    const current = await findVisibleCredential(deps, actor, c.req.valid("param").ref);
    const hasSecret = body.secret !== undefined || body.privateKey !== undefined;
    if (body.safe) {
      if (!hasSecret) throw new InputError("SECRET_REQUIRED", "A safe rotation needs the new secret.", "secret");
      if (body.name !== undefined) throw new InputError("RENAME_NOT_ALLOWED", "Rename separately from a safe rotation.", "name");
      if (body.urlPrefixes !== undefined)
        throw new InputError("RENAME_NOT_ALLOWED", "Change URL prefixes separately from a safe rotation.", "urlPrefixes");
      const rotation = await rotateCredentialSafely(deps, actor, current.id, {
        secret: secretInput(current.kind, body, true),
        ...(body.username === undefined ? {} : { username: body.username }),
        force: body.force,
      });
      const repositories = rotation.repositories.map(rotationRow);
      return c.json(
        { credential: credentialView(rotation.credential, repositories.length), rotation: { applied: true, repositories } },
        200,
      );
    }
    const credential = await updateCredential(deps, actor, current.id, {
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.username === undefined ? {} : { username: body.username }),
      ...(hasSecret ? { secret: secretInput(current.kind, body, true) } : {}),
      ...(body.release ? { release: body.release } : {}),
      ...(body.urlPrefixes === undefined ? {} : { urlPrefixes: body.urlPrefixes }),
      validate: body.validate,
    });
    const count = await usedByCount(deps, credential.id);
    if (hasSecret && count > 0) background.run(() => recheckCredentialRepositories(deps, credential.id));
    return c.json({ credential: credentialView(credential, count, await deps.store.urlPrefixes.listByCredential(credential.id)) }, 200);
  });
  app.openapi(guard(routes.deleteCredential), async (c) => {
    await deleteCredential(deps, c.get("actor"), c.req.valid("param").ref, { force: c.req.valid("query").force === "true" });
    return c.body(null, 204);
  });
  app.openapi(guard(routes.validateCredential), async (c) => {
    const { credential, result } = await validateCredential(deps, c.get("actor"), c.req.valid("param").ref);
    return c.json({ credential: credentialView(credential), result }, 200);
  });
}
