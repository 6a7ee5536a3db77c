import { createRoute, z } from "@hono/zod-openapi";
import { access, errorResponses, jsonBody, jsonResponse } from "../route-parts.ts";

const helperBody = z.object({ input: z.string().max(65_536) }).strict();

const gitAccessBody = z
  .object({
    repository: z.string().min(1).max(300).optional(),
    url: z.string().min(1).max(2048).optional(),
    /** What the pipeline will do: `read` (checkout, fetch; the default) or `push`; checked against the token's grant. */
    access: z.enum(["read", "push"]).optional(),
  })
  .strict()
  .superRefine((value, context) => {
    if ((value.repository === undefined) === (value.url === undefined)) {
      context.addIssue({ code: "custom", path: ["repository"], message: "give exactly one of repository (a name or id) and url" });
    }
  });

/** What a pipeline's git needs for one repository: where it is, and the credential to send there. */
const gitAccessSchema = z
  .object({
    repository: z.object({
      name: z.string(),
      host: z.string(),
      path: z.string(),
      owner: z.string(),
      repo: z.string(),
      url: z.string(),
      protocol: z.enum(["https", "ssh"]),
    }),
    git: z.object({
      username: z.string(),
      password: z.string(),
      passwordExpiryUtc: z.number().nullable(),
      credential: z.string(),
      allowPrivateNetwork: z.boolean(),
      caBundle: z.string().nullable(),
    }),
  })
  .openapi("GitAccess");

/** Backs `repolink git-credential get|erase` (git's credential helper protocol) and `checkout`/`push`. */
export const gitContract = {
  gitCredentialGet: createRoute({
    method: "post",
    path: "/api/v1/git-credential/get",
    summary: "Answer git's credential `get` for a registered repository (API token only; audited)",
    tags: ["git"],
    ...access("user"),
    request: { body: jsonBody(helperBody) },
    responses: {
      200: jsonResponse(
        z.object({ answer: z.string().nullable(), credential: z.string().optional(), reason: z.string().optional() }),
        "The helper's answer for git, or null when Repolink has none",
      ),
      ...errorResponses("user", 400, 403, 409),
    },
  }),
  gitAccess: createRoute({
    method: "post",
    path: "/api/v1/git-access",
    summary: "A repository's clone URL, network policy and stored token for a pipeline's git, in one answer (API token only; audited)",
    tags: ["git"],
    ...access("user"),
    request: { body: jsonBody(gitAccessBody) },
    responses: {
      200: jsonResponse(gitAccessSchema, "Where the repository is and what to send"),
      ...errorResponses("user", 400, 403, 404, 409),
    },
  }),
  gitCredentialErase: createRoute({
    method: "post",
    path: "/api/v1/git-credential/erase",
    summary: "git reports a rejected credential: audited now, re-checked right after the answer (git is not kept waiting)",
    tags: ["git"],
    ...access("user"),
    request: { body: jsonBody(helperBody) },
    responses: {
      202: jsonResponse(z.object({ rechecking: z.array(z.string()) }), "Audited; the repositories named are re-checked"),
      ...errorResponses("user", 400, 403),
    },
  }),
};
