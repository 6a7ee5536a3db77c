import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { CoreDeps } from "../../../src/core/deps.ts";
import { loadConfig } from "../../../src/config/load-config.ts";
import { startServer } from "../../../src/interfaces/http/start-server.ts";
import { openRuntime } from "../../../src/main.ts";
import { startGithubFake, type GithubFake } from "../../github-fake/index.ts";
import { launchChromium, requireChromium } from "./chromium.ts";
import { ensureWebBuild } from "./ensure-web-build.ts";

/** Name under which the GitHub fake is registered as a host. */
export const fakeHostName = "ghe.test";

/** A real Repolink server on 127.0.0.1, the GitHub fake, and Chromium. */
export interface BrowserWorld {
  baseUrl: string;
  setupCode: string;
  fake: GithubFake;
  browser: Browser;
  /** The server's own use cases and store: to seed thousands of rows directly, as no user would. */
  deps: CoreDeps;
  /** A fresh browser context (own cookies) and page; `bypassCSP` lets a test inject a script (axe-core). */
  newPage(options?: { bypassCSP?: boolean }): Promise<{ context: BrowserContext; page: Page }>;
  /** Calls the API as Node would (no browser), with an optional bearer token. */
  call(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** Starts the world: web UI built, server with a temp data dir, fake with user octocat, Chromium. */
export async function startBrowserWorld(): Promise<BrowserWorld> {
  // Before anything is started: a server left running by a failed launch keeps the file from ever ending.
  requireChromium();
  await ensureWebBuild();
  const dataDir = mkdtempSync(join(tmpdir(), "repolink-browser-"));
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  const runtime = await openRuntime(loadConfig({ REPOLINK_DATA_DIR: dataDir, REPOLINK_LOG_LEVEL: "warn" }), { logDestination: quiet });
  const server = await startServer(runtime, { host: "127.0.0.1", port: 0 });
  const fake = await startGithubFake();
  fake.addUser({ login: "octocat" });
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];

  const call: BrowserWorld["call"] = async (method, path, body, token) => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers["content-type"] = "application/json";
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };

  return {
    baseUrl: server.url,
    setupCode: server.setupCode ?? "",
    fake,
    browser,
    deps: runtime.deps,
    call,
    async newPage(options = {}) {
      const context = await browser.newContext({
        ...options,
        baseURL: server.url,
        viewport: { width: 1280, height: 900 },
        locale: "en-GB",
        timezoneId: "UTC",
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return { context, page };
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await server.close();
      await runtime.close();
      await fake.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Test password of the admin `bootstrapWorld` creates. */
export const adminPassword = "correct horse battery staple";

/**
 * Creates the admin through the API and registers the fake as host `ghe.test`
 * (allowPrivateNetwork); returns the admin's API token.
 */
export async function bootstrapWorld(world: BrowserWorld): Promise<string> {
  const setup = await world.call("POST", "/api/v1/setup", { setupCode: world.setupCode, username: "admin", password: adminPassword });
  if (setup.status !== 201) throw new Error(`setup failed: ${JSON.stringify(setup.body)}`);
  const login = await world.call("POST", "/api/v1/auth/token", { username: "admin", password: adminPassword, name: "browser tests" });
  const token = String(login.body.token);
  const host = await world.call("POST", "/api/v1/hosts", { name: fakeHostName, url: world.fake.url, allowPrivateNetwork: true }, token);
  if (host.status !== 201) throw new Error(`host add failed: ${JSON.stringify(host.body)}`);
  return token;
}

/** Signs in through the sign-in page with the mouse-free keyboard path: fill and Enter. */
export async function signIn(page: Page, username = "admin", password = adminPassword): Promise<void> {
  await page.goto("/");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByLabel("Password").press("Enter");
  await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
}
