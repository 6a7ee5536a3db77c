import type { CoreDeps } from "../../../core/deps.ts";
import { AppManifestStates } from "../../../core/credentials/app-manifest/app-manifest-states.ts";
import { finishAppManifest } from "../../../core/credentials/app-manifest/finish-app-manifest.ts";
import { startAppManifest } from "../../../core/credentials/app-manifest/start-app-manifest.ts";
import { credentialView } from "../../../core/credentials/credential-view.ts";
import { appManifestContract as routes } from "../../../contract/routes/app-manifest-contract.ts";
import type { ApiApp, Guard } from "../api-env.ts";

/** GitHub's App manifest flow; the states live in the database, shared by every instance on it. */
export function appManifestRoutes(
  app: ApiApp,
  guard: Guard,
  deps: CoreDeps,
  states = new AppManifestStates(deps.store, () => deps.now()),
): void {
  app.openapi(guard(routes.startAppManifest), async (c) => {
    const body = c.req.valid("json");
    const form = await startAppManifest(deps, states, c.get("actor"), {
      hostName: body.host,
      credentialName: body.name,
      ...(body.scope ? { scope: body.scope } : {}),
      organization: body.organization ?? null,
      // The origin as the browser saw it (REPOLINK_PUBLIC_URL or trusted proxy headers applied).
      origin: new URL(c.req.url).origin,
    });
    return c.json(form, 201);
  });
  app.openapi(guard(routes.finishAppManifest), async (c) => {
    const { credential, appSlug } = await finishAppManifest(deps, states, c.get("actor"), c.req.valid("json"));
    return c.json({ credential: credentialView(credential, 0, []), appSlug }, 201);
  });
}
