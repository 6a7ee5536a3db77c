import type { HealthOptions } from "../../core/health/health-options.ts";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import type { Logger } from "pino";
import type { CoreDeps } from "../../core/deps.ts";
import type { SetupCode } from "../../core/users/setup-code.ts";
import { LoginGuard } from "../../core/users/login-guard.ts";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { BlankEnv } from "hono/types";
import type { ApiApp } from "./api-env.ts";
import { apiContract } from "../../contract/api-contract.ts";
import { accessGuard } from "./access-guard.ts";
import { BackgroundTasks } from "./background-tasks.ts";
import { errorResponse } from "./http-error.ts";
import { adminRoutes } from "./routes/admin-routes.ts";
import { authRoutes } from "./routes/auth-routes.ts";
import { credentialRoutes } from "./routes/credential-routes.ts";
import { appManifestRoutes } from "./routes/app-manifest-routes.ts";
import { hostRoutes } from "./routes/host-routes.ts";
import { gitCredentialRoutes } from "./routes/git-credential-routes.ts";
import { repositoryRoutes } from "./routes/repository-routes.ts";
import { userRoutes } from "./routes/user-routes.ts";
import { webhookRoutes } from "./routes/webhook-routes.ts";
import { metricsEndpoint } from "./metrics-endpoint.ts";
import { serveWebAssets } from "../web/serve-web-assets.ts";
import { CachedFormOrigins } from "../web/cached-form-origins.ts";

/** What the HTTP interface needs besides the core. */
export interface AppOptions {
  deps: CoreDeps;
  setup: SetupCode;
  logger: Logger;
  version?: string;
  /** The options of the server's health cycles, so a cycle run by hand is the scheduled one (`healthOptionsOf`). */
  health?: Partial<HealthOptions>;
  /** Sign-in back-off and the password-check queue; by default a new guard with its defaults. */
  logins?: LoginGuard;
  /** Where requests leave work running after their answer; by default a new set that logs failures. */
  background?: BackgroundTasks;
}

/** One API route as the router sees it: its method, its Hono path below /api/v1, and who may call it. */
export interface MountedRoute {
  method: string;
  path: string;
  access: "public" | "user" | "admin";
}

/** Every API route of the contract, in the order the router matches them. */
export function apiRoutes(_options?: AppOptions): MountedRoute[] {
  return Object.values(apiContract).map((route) => ({
    method: route.method,
    path: route.path.replace(/^\/api\/v1/, "").replace(/\{(\w+)\}/g, ":$1"),
    access: route["x-repolink-access"],
  }));
}

/** Builds the Hono app: the API contract under /api/v1, its OpenAPI description at /api/openapi.json. */
export function createApp(options: AppOptions): ApiApp {
  const { deps } = options;
  // A request that does not match its route's schemas is answered by the one error handler (INPUT_INVALID).
  const app: ApiApp = new OpenAPIHono<BlankEnv>({
    defaultHook: (result) => {
      if (!result.success) throw result.error;
    },
  });
  const background =
    options.background ?? new BackgroundTasks((error) => options.logger.error({ err: error }, "background re-check failed"));
  const logError = (error: unknown): void => options.logger.error({ err: error }, "request failed");

  app.use("*", secureHeaders());
  const limitBody = bodyLimit({
    maxSize: 512 * 1024,
    onError: (c) => c.json({ error: { code: "BODY_TOO_LARGE", message: "The request body is larger than 512 KiB." } }, 413),
  });
  // GET and HEAD carry no body; skipping the limiter spares them building a full Request.
  app.use("/api/*", (c, next) => (c.req.method === "GET" || c.req.method === "HEAD" ? next() : limitBody(c, next)));
  app.onError((error, c) => errorResponse(c, error, logError));
  app.notFound((c) =>
    c.json({ error: { code: "ROUTE_NOT_FOUND", message: `No route ${c.req.method} ${new URL(c.req.url).pathname}.` } }, 404),
  );
  const guard = accessGuard(deps);
  authRoutes(app, guard, deps, options.setup, options.logins ?? new LoginGuard());
  userRoutes(app, guard, deps);
  credentialRoutes(app, guard, deps, background);
  appManifestRoutes(app, guard, deps);
  const formOrigins = new CachedFormOrigins(async () => (await deps.store.hosts.list()).map((h) => new URL(h.webUrl).origin));
  hostRoutes(app, guard, deps, () => formOrigins.clear());
  repositoryRoutes(app, guard, deps, background, options.health ?? {});
  adminRoutes(app, guard, deps, options.health ?? {});
  gitCredentialRoutes(app, guard, deps, background);
  webhookRoutes(app, guard, deps);
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "A personal API token (rlk_…)",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "repolink_session",
    description: "Browser session; unsafe methods need X-CSRF-Token",
  });
  const openApi = app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Repolink API",
      version: options.version ?? "0.1.0",
      description: "Connect Git hosting to a release pipeline. Secrets are write-only.",
    },
  });
  app.get("/api/openapi.json", (c) => c.json(openApi));
  app.get("/healthz", (c) => c.json({ ok: true }));
  app.get("/metrics", metricsEndpoint(deps));
  serveWebAssets(app, undefined, () => formOrigins.get());
  return app;
}
