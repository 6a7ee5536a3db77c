import { z } from "zod";
import type { CoreDeps } from "../../../core/deps.ts";
import { InputError } from "../../../core/errors.ts";
import { createCredential } from "../../../core/credentials/create-credential.ts";
import { deleteCredential } from "../../../core/credentials/delete-credential.ts";
import { findVisibleCredential } from "../../../core/credentials/credential-access.ts";
import { credentialView } from "../../../core/credentials/credential-view.ts";
import { listCredentials } from "../../../core/credentials/list-credentials.ts";
import { updateCredential } from "../../../core/credentials/update-credential.ts";
import { validateCredential } from "../../../core/credentials/validate-credential.ts";
import { rotateCredentialSafely } from "../../../core/credentials/rotate-credential-safely.ts";
import { recheckCredentialRepositories } from "../../../core/health/recheck-credential-repositories.ts";
import type { SecretInput } from "../../../core/credentials/credential-secret-input.ts";
import type { BackgroundTasks } from "../background-tasks.ts";
import { defineRoute, type AnyRoute } from "../route.ts";

const secretFields = {
  secret: z.string().max(4096).optional(),
  privateKey: z.string().max(16384).optional(),
  passphrase: z.string().max(1024).nullable().optional(),
};

function secretInput(
  type: "token" | "ssh-key",
  body: { secret?: string; privateKey?: string; passphrase?: string | null | undefined },
): SecretInput {
  if (type === "token") {
    if (body.secret === undefined) throw new InputError("SECRET_REQUIRED", "secret is required for a token credential.", "secret");
    return { kind: "token", secret: body.secret };
  }
  if (body.privateKey === undefined)
    throw new InputError("SSH_KEY_REQUIRED", "privateKey is required for an ssh-key credential.", "privateKey");
  return { kind: "ssh-key", privateKey: body.privateKey, passphrase: body.passphrase ?? null };
}

/** The credential manager's API: secrets go in, only previews and fingerprints come out. */
export function credentialRoutes(deps: CoreDeps, background: BackgroundTasks): AnyRoute[] {
  return [
    defineRoute({
      method: "get",
      path: "/credentials",
      summary: "List the credentials you may use",
      tag: "credentials",
      access: "user",
      handler: async ({ actor }) => ({ status: 200, body: { items: await listCredentials(deps, actor) } }),
    }),
    defineRoute({
      method: "post",
      path: "/credentials",
      summary: "Store a credential (checked online unless validate is false)",
      tag: "credentials",
      access: "user",
      errors: [400, 403, 409, 503],
      body: z
        .object({
          name: z.string().max(64),
          type: z.enum(["token", "ssh-key"]),
          scope: z.enum(["global", "private"]).optional(),
          host: z.string().min(1).max(100).optional(),
          username: z.string().max(100).nullable().optional(),
          validate: z.boolean().default(true),
          ...secretFields,
        })
        .strict(),
      handler: async ({ body, actor }) => {
        const credential = await createCredential(deps, actor, {
          name: body.name,
          ...(body.scope ? { scope: body.scope } : {}),
          ...(body.host ? { hostName: body.host } : {}),
          username: body.username ?? null,
          secret: secretInput(body.type, body),
          validate: body.validate,
        });
        return { status: 201, body: { credential: credentialView(credential, []) } };
      },
    }),
    defineRoute({
      method: "get",
      path: "/credentials/:ref",
      summary: "Show one credential (by id or name) and the repositories using it",
      tag: "credentials",
      access: "user",
      errors: [404],
      handler: async ({ params, actor }) => {
        const credential = await findVisibleCredential(deps, actor, params.ref ?? "");
        const dependents = (await deps.store.repositories.listByCredential(credential.id)).map((r) => r.name);
        return { status: 200, body: { credential: credentialView(credential, dependents) } };
      },
    }),
    defineRoute({
      method: "patch",
      path: "/credentials/:ref",
      summary: "Update a credential in place (a new secret becomes a new version)",
      tag: "credentials",
      access: "user",
      errors: [400, 403, 404, 409, 503],
      body: z
        .object({
          name: z.string().max(64).optional(),
          username: z.string().max(100).nullable().optional(),
          validate: z.boolean().default(true),
          safe: z.boolean().default(false),
          ...secretFields,
        })
        .strict(),
      handler: async ({ body, params, actor }) => {
        const current = await findVisibleCredential(deps, actor, params.ref ?? "");
        const hasSecret = body.secret !== undefined || body.privateKey !== undefined;
        if (body.safe) {
          if (!hasSecret) throw new InputError("SECRET_REQUIRED", "A safe rotation needs the new secret.", "secret");
          if (body.name !== undefined) throw new InputError("RENAME_NOT_ALLOWED", "Rename separately from a safe rotation.", "name");
          const rotation = await rotateCredentialSafely(deps, actor, current.id, {
            secret: secretInput(current.kind === "ssh-key" ? "ssh-key" : "token", body),
            ...(body.username === undefined ? {} : { username: body.username }),
          });
          const dependents = rotation.repositories.map((r) => r.repository);
          const repositories = rotation.repositories.map((r) => ({ repository: r.repository, blocking: r.blocking, ...r.report }));
          return {
            status: 200,
            body: { credential: credentialView(rotation.credential, dependents), rotation: { applied: true, repositories } },
          };
        }
        const credential = await updateCredential(deps, actor, current.id, {
          ...(body.name === undefined ? {} : { name: body.name }),
          ...(body.username === undefined ? {} : { username: body.username }),
          ...(hasSecret ? { secret: secretInput(current.kind === "ssh-key" ? "ssh-key" : "token", body) } : {}),
          validate: body.validate,
        });
        const dependents = (await deps.store.repositories.listByCredential(credential.id)).map((r) => r.name);
        if (hasSecret && dependents.length > 0) background.run(() => recheckCredentialRepositories(deps, credential.id));
        return { status: 200, body: { credential: credentialView(credential, dependents) } };
      },
    }),
    defineRoute({
      method: "delete",
      path: "/credentials/:ref",
      summary: "Delete a credential (refused while in use unless force=true)",
      tag: "credentials",
      access: "user",
      errors: [403, 404, 409],
      query: z.object({ force: z.enum(["true", "false"]).optional() }),
      handler: async ({ params, actor, query }) => {
        await deleteCredential(deps, actor, params.ref ?? "", { force: query.force === "true" });
        return { status: 204, body: null };
      },
    }),
    defineRoute({
      method: "post",
      path: "/credentials/:ref/validate",
      successStatus: 200,
      summary: "Check a stored credential online now",
      tag: "credentials",
      access: "user",
      errors: [400, 404, 503],
      handler: async ({ params, actor }) => {
        const { credential, result } = await validateCredential(deps, actor, params.ref ?? "");
        return { status: 200, body: { credential: credentialView(credential), result } };
      },
    }),
  ];
}
