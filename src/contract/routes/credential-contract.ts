import { createRoute, z } from "@hono/zod-openapi";
import { access, errorResponses, itemsOf, jsonBody, jsonResponse, noContent } from "../route-parts.ts";
import { credentialCheckResultSchema, credentialViewSchema } from "../views/credential-views.ts";
import { connectionReportSchema } from "../views/repository-views.ts";
import { connectionStatuses } from "../../shared/check-statuses.ts";

const secretFields = {
  secret: z.string().max(4096).optional(),
  privateKey: z.string().max(16384).optional(),
  passphrase: z.string().max(1024).nullable().optional(),
  /** A GitHub App: its ID or client ID, and optionally the installation to use (else found per owner). */
  appId: z.string().max(64).optional(),
  installationId: z.string().max(32).nullable().optional(),
};

const refParam = z.object({ ref: z.string() });
const credentialBody = z.object({ credential: credentialViewSchema });

/** URL-prefix templates (`https://github.com/acme/`): repositories under one without a credential of their own use this one. */
const urlPrefixesField = z.array(z.string().min(1).max(2048)).max(50).optional();

/** One repository's check with the new secret during a safe rotation, beside its status before; `blocking` ones got worse and stop it. */
const rotatedRepositorySchema = connectionReportSchema.extend({
  repository: z.string(),
  blocking: z.boolean(),
  before: z.object({ status: z.enum(connectionStatuses), reasonCode: z.string().nullable() }),
});

/** The credential manager's API: secrets go in, only previews and fingerprints come out. */
export const credentialContract = {
  listCredentials: createRoute({
    method: "get",
    path: "/api/v1/credentials",
    summary: "List the credentials you may use",
    tags: ["credentials"],
    ...access("user"),
    responses: { 200: jsonResponse(itemsOf(credentialViewSchema), "The credentials you may use"), ...errorResponses("user") },
  }),
  createCredential: createRoute({
    method: "post",
    path: "/api/v1/credentials",
    summary: "Store a credential (checked online unless validate is false)",
    tags: ["credentials"],
    ...access("user"),
    request: {
      body: jsonBody(
        z
          .object({
            name: z.string().max(64),
            type: z.enum(["token", "ssh-key", "github-app"]),
            scope: z.enum(["global", "private"]).optional(),
            host: z.string().min(1).max(100).optional(),
            username: z.string().max(100).nullable().optional(),
            validate: z.boolean().default(true),
            release: z.enum(["helper", "gateway-only"]).optional(),
            urlPrefixes: urlPrefixesField,
            ...secretFields,
          })
          .strict(),
      ),
    },
    responses: { 201: jsonResponse(credentialBody, "The stored credential"), ...errorResponses("user", 400, 403, 409, 503) },
  }),
  getCredential: createRoute({
    method: "get",
    path: "/api/v1/credentials/{ref}",
    summary: "Show one credential (by id or name) and how many repositories use it",
    tags: ["credentials"],
    ...access("user"),
    request: { params: refParam },
    responses: { 200: jsonResponse(credentialBody, "The credential and how many repositories use it"), ...errorResponses("user", 404) },
  }),
  updateCredential: createRoute({
    method: "patch",
    path: "/api/v1/credentials/{ref}",
    summary: "Update a credential in place (a new secret becomes a new version)",
    tags: ["credentials"],
    ...access("user"),
    request: {
      params: refParam,
      body: jsonBody(
        z
          .object({
            name: z.string().max(64).optional(),
            username: z.string().max(100).nullable().optional(),
            validate: z.boolean().default(true),
            safe: z.boolean().default(false),
            /** With safe: apply even when repositories get worse ("rotate anyway", admins only). */
            force: z.boolean().default(false),
            release: z.enum(["helper", "gateway-only"]).optional(),
            /** Replaces the URL-prefix templates; [] removes them. */
            urlPrefixes: urlPrefixesField,
            ...secretFields,
          })
          .strict(),
      ),
    },
    responses: {
      200: jsonResponse(
        credentialBody.extend({
          rotation: z.object({ applied: z.boolean(), repositories: z.array(rotatedRepositorySchema) }).optional(),
        }),
        "The updated credential (and, for a safe rotation, every repository's check)",
      ),
      ...errorResponses("user", 400, 403, 404, 409, 503),
    },
  }),
  deleteCredential: createRoute({
    method: "delete",
    path: "/api/v1/credentials/{ref}",
    summary: "Delete a credential (refused while in use unless force=true)",
    tags: ["credentials"],
    ...access("user"),
    request: { params: refParam, query: z.object({ force: z.enum(["true", "false"]).optional() }) },
    responses: { 204: noContent, ...errorResponses("user", 403, 404, 409) },
  }),
  validateCredential: createRoute({
    method: "post",
    path: "/api/v1/credentials/{ref}/validate",
    summary: "Check a stored credential online now",
    tags: ["credentials"],
    ...access("user"),
    request: { params: refParam },
    responses: {
      200: jsonResponse(credentialBody.extend({ result: credentialCheckResultSchema }), "The credential and what the check found"),
      ...errorResponses("user", 400, 404, 503),
    },
  }),
};
