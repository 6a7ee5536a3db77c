import type { HealthOptions } from "../../core/health/health-options.ts";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import type { Logger } from "pino";
import type { CoreDeps } from "../../core/deps.ts";
import type { SetupCode } from "../../core/users/setup-code.ts";
import { BackgroundTasks } from "./background-tasks.ts";
import { buildOpenApi } from "./build-openapi.ts";
import { errorResponse } from "./http-error.ts";
import { mountRoutes } from "./mount-routes.ts";
import type { AnyRoute } from "./route.ts";
import { adminRoutes } from "./routes/admin-routes.ts";
import { authRoutes } from "./routes/auth-routes.ts";
import { credentialRoutes } from "./routes/credential-routes.ts";
import { hostRoutes } from "./routes/host-routes.ts";
import { gitCredentialRoutes } from "./routes/git-credential-routes.ts";
import { repositoryRoutes } from "./routes/repository-routes.ts";
import { userRoutes } from "./routes/user-routes.ts";
import { webhookRoutes } from "./routes/webhook-routes.ts";
import { healthRoutes } from "./routes/health-routes.ts";
import { metricsEndpoint } from "./metrics-endpoint.ts";
import { serveWebAssets } from "../web/serve-web-assets.ts";

/** What the HTTP interface needs besides the core. */
export interface AppOptions {
  deps: CoreDeps;
  setup: SetupCode;
  logger: Logger;
  version?: string;
  /** More routes from later features (repositories, git, health…). */
  extraRoutes?: AnyRoute[];
  /** The options of the server's health cycles, so a cycle run by hand is the scheduled one (`healthOptionsOf`). */
  health?: Partial<HealthOptions>;
  /** Where requests leave work running after their answer; by default a new set that logs failures. */
  background?: BackgroundTasks;
}

/** Every API route, in one list: the router and the OpenAPI document are built from it. */
export function apiRoutes(options: AppOptions): AnyRoute[] {
  const { deps, setup } = options;
  const background =
    options.background ?? new BackgroundTasks((error) => options.logger.error({ err: error }, "background re-check failed"));
  return [
    ...authRoutes(deps, setup),
    ...userRoutes(deps),
    ...credentialRoutes(deps, background),
    ...hostRoutes(deps),
    ...repositoryRoutes(deps),
    ...adminRoutes(deps),
    ...gitCredentialRoutes(deps, background),
    ...webhookRoutes(deps),
    ...healthRoutes(deps, options.health ?? {}),
    ...(options.extraRoutes ?? []),
  ];
}

/** Builds the Hono app: API under /api/v1, its description at /api/openapi.json. */
export function createApp(options: AppOptions): Hono {
  const app = new Hono();
  const routes = apiRoutes(options);
  const openApi = buildOpenApi(routes, options.version ?? "0.1.0");
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
  app.get("/api/openapi.json", (c) => c.json(openApi));
  app.get("/healthz", (c) => c.json({ ok: true }));
  app.get("/metrics", metricsEndpoint(options.deps));
  mountRoutes(app, options.deps, routes);
  serveWebAssets(app);
  return app;
}
