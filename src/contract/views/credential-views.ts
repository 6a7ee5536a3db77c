import { z } from "@hono/zod-openapi";

/** One thing wrong (or worth knowing) about a secret, with what to do about it. */
export const credentialProblemSchema = z
  .object({ code: z.string(), severity: z.enum(["error", "warning"]), message: z.string(), remedy: z.string() })
  .openapi("CredentialProblem");

/** What the API shows of a credential: never the secret, only a preview and a fingerprint. */
export const credentialViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.enum(["token", "ssh-key", "github-app"]),
    scope: z.enum(["global", "private"]),
    owner: z.string().nullable(),
    host: z.string(),
    username: z.string().nullable(),
    preview: z.string(),
    fingerprint: z.string(),
    version: z.number().int(),
    status: z.enum(["unchecked", "valid", "warning", "invalid"]),
    validation: z.record(z.string(), z.unknown()).nullable(),
    lastValidatedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    release: z.enum(["helper", "gateway-only"]),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** How many repositories use it (`GET /repositories?credential=NAME` lists them). */
    usedByCount: z.number().int().nonnegative().optional(),
    /** Its URL-prefix templates, normalised (`https://github.com/acme`). */
    urlPrefixes: z.array(z.string()).optional(),
  })
  .openapi("Credential");

/** The result of checking a secret online against its host. */
export const credentialCheckResultSchema = z
  .object({
    status: z.enum(["valid", "warning", "invalid", "unreachable"]),
    login: z.string().nullable(),
    scopes: z.array(z.string()).nullable(),
    expiresAt: z.string().nullable(),
    problems: z.array(credentialProblemSchema),
    facts: z.record(z.string(), z.unknown()),
  })
  .openapi("CredentialCheckResult");

/** A credential as listed or shown. */
export type CredentialView = z.infer<typeof credentialViewSchema>;
/** One problem found with a secret. */
export type CredentialProblem = z.infer<typeof credentialProblemSchema>;
