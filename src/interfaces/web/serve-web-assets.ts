import { serveStatic } from "@hono/node-server/serve-static";
import type { Context, Hono, Next } from "hono";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { webContentSecurityPolicyWith, webSecurityHeaders } from "./web-security-headers.ts";

/** Where `npm run build:web` writes the UI. */
export const defaultWebDist = fileURLToPath(new URL("../../../web/dist", import.meta.url));

const notBuilt = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Repolink</title></head>
<body><h1>The web UI is not built</h1><p>Run <code>npm run build:web</code> (it also runs on <code>npm ci</code>), then reload.
The API is at <a href="/api/openapi.json">/api/openapi.json</a>.</p></body></html>`;

const isApiPath = (path: string): boolean => path === "/api" || path.startsWith("/api/");

function applyHeaders(c: Context): void {
  for (const [name, value] of Object.entries(webSecurityHeaders)) c.header(name, value);
}

/**
 * Serves the built web UI from `distDir`: hashed assets cached for a year, any other
 * non-API GET answered with index.html (client-side routes), all under a strict CSP.
 * `formOrigins` lists where the page's forms may post besides Repolink (the hosts, for GitHub's App manifest flow).
 * @example serveWebAssets(app) // after the API routes
 */
export function serveWebAssets(app: Hono, distDir: string = defaultWebDist, formOrigins: () => Promise<string[]> = async () => []): void {
  // Built lazily: serveStatic complains at construction when the folder is missing.
  let files: ReturnType<typeof serveStatic> | undefined;
  const staticFiles = () =>
    (files ??= serveStatic({
      root: distDir,
      onFound: (path, c) => {
        c.header("Cache-Control", path.includes(join(distDir, "assets")) ? "public, max-age=31536000, immutable" : "no-cache");
      },
    }));
  app.on(["GET", "HEAD"], "*", async (c: Context, next: Next) => {
    if (isApiPath(c.req.path)) return next();
    applyHeaders(c);
    // index.html is served by the fallback below, so it always gets the no-cache answer.
    if (c.req.path !== "/" && c.req.path !== "/index.html" && existsSync(distDir)) {
      const served = await staticFiles()(c, async () => undefined);
      if (served) return served;
      if (c.req.path.startsWith("/assets/")) return c.text("Not found", 404);
    }
    try {
      const html = await readFile(join(distDir, "index.html"), "utf8");
      c.header("Content-Security-Policy", webContentSecurityPolicyWith(await formOrigins().catch(() => [])));
      c.header("Cache-Control", "no-cache");
      return c.html(html);
    } catch {
      return c.html(notBuilt, 503);
    }
  });
}
