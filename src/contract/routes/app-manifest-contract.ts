import { createRoute, z } from "@hono/zod-openapi";
import { access, errorResponses, jsonBody, jsonResponse } from "../route-parts.ts";
import { credentialViewSchema } from "../views/credential-views.ts";

/** GitHub's App manifest flow: the server issues the state and builds the manifest, then trades GitHub's code for the App. */
export const appManifestContract = {
  startAppManifest: createRoute({
    method: "post",
    path: "/api/v1/app-manifests",
    summary: "Start creating a GitHub App from a manifest (the browser then posts it to GitHub)",
    tags: ["credentials"],
    ...access("user"),
    request: {
      body: jsonBody(
        z
          .object({
            host: z.string().min(1).max(100),
            /** The credential the App is stored as when GitHub sends the user back. */
            name: z.string().max(64),
            scope: z.enum(["global", "private"]).optional(),
            /** Create the App under this organization instead of the signed-in GitHub user. */
            organization: z.string().max(100).nullable().optional(),
          })
          .strict(),
      ),
    },
    responses: {
      201: jsonResponse(
        z
          .object({
            postUrl: z.string(),
            manifest: z.string(),
            state: z.string(),
            expiresAt: z.string(),
          })
          .openapi("AppManifestForm"),
        "Where to post the manifest (state included), and the manifest",
      ),
      ...errorResponses("user", 400, 403, 409),
    },
  }),
  finishAppManifest: createRoute({
    method: "post",
    path: "/api/v1/app-manifests/conversions",
    summary: "Store the App GitHub created, from the code and state GitHub sent back (each usable once)",
    tags: ["credentials"],
    ...access("user"),
    request: {
      body: jsonBody(z.object({ state: z.string().min(1).max(200), code: z.string().min(1).max(200) }).strict()),
    },
    responses: {
      201: jsonResponse(z.object({ credential: credentialViewSchema, appSlug: z.string() }), "The stored App credential"),
      ...errorResponses("user", 400, 403, 409, 503),
    },
  }),
};
