import { randomBytes } from "node:crypto";
import { generateTestToken } from "../support/github-tokens.ts";
import { githubError, notFound, type RestResult } from "./github-errors.ts";
import { paginate } from "./paginate.ts";
import { repoJson, simpleUserJson, type FakeUrls } from "./payloads.ts";
import type { FakeApp, FakeInstallation, FakeToken, GithubFakeState } from "./state.ts";

/** What an App route gets: the App its JWT proved, or the installation token of the call. */
export interface AppRouteContext {
  state: GithubFakeState;
  urls: FakeUrls;
  url: URL;
  app: FakeApp | undefined;
  token: FakeToken | undefined;
  body: unknown;
  /** Lifetime of a minted installation token (GitHub: one hour). */
  tokenLifetimeMs: number;
  /** How many API requests a fresh token is refused with 401 (replication delay). */
  notReadyFor: number;
}

const stamp = (iso: string) => iso.replace(/\.\d+Z$/, "Z");
const requiresJwt = (): RestResult => ({
  status: 401,
  body: githubError(401, "A JSON web token could not be decoded", "https://docs.github.com/rest"),
});

/** GitHub's `integration` (an App) as `GET /app` returns it. */
function appJson(app: FakeApp, ctx: AppRouteContext) {
  const owner = ctx.state.account(app.owner)!;
  return {
    id: app.id,
    slug: app.slug,
    client_id: app.clientId,
    node_id: Buffer.from(`0:App${app.id}`).toString("base64").replace(/=+$/, ""),
    owner: simpleUserJson(owner, ctx.urls),
    name: app.name,
    description: null,
    external_url: ctx.urls.web,
    html_url: `${ctx.urls.web}/apps/${app.slug}`,
    created_at: owner.createdAt,
    updated_at: owner.createdAt,
    permissions: app.permissions,
    events: [],
    installations_count: [...ctx.state.installations.values()].filter((i) => i.appId === app.id).length,
  };
}

/** GitHub's `installation`. */
function installationJson(installation: FakeInstallation, ctx: AppRouteContext) {
  const account = ctx.state.account(installation.account)!;
  const app = ctx.state.apps.get(installation.appId)!;
  const settings =
    account.type === "Organization"
      ? `${ctx.urls.web}/organizations/${account.login}/settings/installations/${installation.id}`
      : `${ctx.urls.web}/settings/installations/${installation.id}`;
  return {
    id: installation.id,
    account: simpleUserJson(account, ctx.urls),
    repository_selection: installation.selection,
    access_tokens_url: `${ctx.urls.api}/app/installations/${installation.id}/access_tokens`,
    repositories_url: `${ctx.urls.api}/installation/repositories`,
    html_url: settings,
    app_id: app.id,
    app_slug: app.slug,
    target_id: account.id,
    target_type: account.type,
    permissions: installation.permissions,
    events: [],
    created_at: installation.createdAt,
    updated_at: installation.createdAt,
    single_file_name: null,
    suspended_by: installation.suspended ? simpleUserJson(account, ctx.urls) : null,
    suspended_at: installation.suspended ? installation.createdAt : null,
  };
}

const ofApp = (ctx: AppRouteContext) => [...ctx.state.installations.values()].filter((i) => i.appId === ctx.app?.id);
const onAccount = (ctx: AppRouteContext, login: string) => ofApp(ctx).find((i) => i.account.toLowerCase() === login.toLowerCase());

function mint(ctx: AppRouteContext, id: string): RestResult {
  const installation = ofApp(ctx).find((i) => String(i.id) === id);
  if (!installation) return notFound();
  if (installation.suspended) return { status: 403, body: githubError(403, "This installation has been suspended") };
  const body = (ctx.body ?? {}) as { repositories?: string[]; permissions?: Record<string, string> };
  const selected = (name: string) =>
    installation.selection === "all" ||
    installation.repositories.some((r) => r.toLowerCase() === `${installation.account}/${name}`.toLowerCase());
  const names = body.repositories;
  const exists = (name: string) => ctx.state.repo(installation.account, name) !== undefined;
  if (names && names.some((n) => !exists(n) || !selected(n))) {
    return {
      status: 422,
      body: githubError(422, "There is at least one repository that does not exist or is not accessible to the parent installation."),
    };
  }
  const rank: Record<string, number> = { none: 0, read: 1, write: 2, admin: 3 };
  const permissions = body.permissions ?? installation.permissions;
  for (const [name, level] of Object.entries(permissions)) {
    if ((rank[installation.permissions[name] ?? "none"] ?? 0) < (rank[level] ?? 0)) {
      return { status: 422, body: githubError(422, `The permissions requested are not granted to this installation.`) };
    }
  }
  const value = generateTestToken("ghs_");
  const expiresAt = new Date(Date.now() + ctx.tokenLifetimeMs);
  const contents = (permissions.contents ?? "none") as "read" | "write" | "none";
  const app = ctx.state.apps.get(installation.appId)!;
  ctx.state.tokens.set(value, {
    value,
    login: `${app.slug}[bot]`,
    scopes: [],
    fineGrained: null,
    expiresAt,
    revoked: false,
    ssoRequired: false,
    readOnly: false,
    used: 0,
    installation: { id: installation.id, repositories: names ? names.map((n) => `${installation.account}/${n}`) : "all", contents },
    notReadyFor: ctx.notReadyFor,
  });
  const reachable = names
    ? names.map((n) => ctx.state.repo(installation.account, n)!)
    : installation.selection === "selected"
      ? installation.repositories.map((r) => ctx.state.repos.get(r.toLowerCase())).filter((r) => r !== undefined)
      : undefined;
  return {
    status: 201,
    body: {
      token: value,
      expires_at: stamp(expiresAt.toISOString()),
      permissions,
      repository_selection: names ? "selected" : installation.selection,
      ...(reachable
        ? { repositories: reachable.map((r) => repoJson("repository", r, ctx.state.account(r.owner)!, undefined, ctx.urls)) }
        : {}),
    },
  };
}

type AppHandler = (ctx: AppRouteContext, params: string[]) => RestResult;

/** `POST /app-manifests/{code}/conversions`: the App a manifest created, with its key, for a code usable once. */
function convertManifest(ctx: AppRouteContext, code: string): RestResult {
  const created = ctx.state.manifestCodes.get(code);
  if (!created) return notFound();
  ctx.state.manifestCodes.delete(code);
  const app = ctx.state.apps.get(created.appId)!;
  return {
    status: 201,
    body: {
      ...appJson(app, ctx),
      client_id: app.clientId,
      client_secret: randomBytes(20).toString("hex"),
      webhook_secret: created.webhookSecret,
      pem: created.privateKey,
    },
  };
}

const appRoutes: [method: string, pattern: RegExp, needs: "jwt" | "installation" | "none", handler: AppHandler][] = [
  // Unauthenticated: the one-time code is the proof.
  ["POST", /^\/app-manifests\/([^/]+)\/conversions$/, "none", (ctx, [code = ""]) => convertManifest(ctx, code)],
  ["GET", /^\/app$/, "jwt", (ctx) => ({ status: 200, body: appJson(ctx.app!, ctx) })],
  [
    "GET",
    /^\/app\/installations$/,
    "jwt",
    (ctx) => {
      const { page, link } = paginate(
        ofApp(ctx).map((i) => installationJson(i, ctx)),
        ctx.url,
      );
      return { status: 200, body: page, headers: link ? { link } : ({} as Record<string, string>) };
    },
  ],
  [
    "GET",
    /^\/app\/installations\/(\d+)$/,
    "jwt",
    (ctx, [id = ""]) => {
      const installation = ofApp(ctx).find((i) => String(i.id) === id);
      return installation ? { status: 200, body: installationJson(installation, ctx) } : notFound();
    },
  ],
  ["POST", /^\/app\/installations\/(\d+)\/access_tokens$/, "jwt", (ctx, [id = ""]) => mint(ctx, id)],
  [
    "GET",
    /^\/(?:orgs|users)\/([^/]+)\/installation$/,
    "jwt",
    (ctx, [login = ""]) => {
      const installation = onAccount(ctx, login);
      return installation ? { status: 200, body: installationJson(installation, ctx) } : notFound();
    },
  ],
  [
    "GET",
    /^\/repos\/([^/]+)\/([^/]+)\/installation$/,
    "jwt",
    (ctx, [owner = "", name = ""]) => {
      const installation = onAccount(ctx, owner);
      const repo = ctx.state.repo(owner, name);
      const selected =
        installation &&
        repo &&
        (installation.selection === "all" ||
          installation.repositories.some((r) => r.toLowerCase() === `${repo.owner}/${repo.name}`.toLowerCase()));
      return selected ? { status: 200, body: installationJson(installation, ctx) } : notFound();
    },
  ],
  [
    "GET",
    /^\/installation\/repositories$/,
    "installation",
    (ctx) => {
      const grant = ctx.token!.installation!;
      const installation = ctx.state.installations.get(grant.id)!;
      const repos = [...ctx.state.repos.values()]
        .filter((r) => ctx.state.installationRole(grant, r) !== undefined && r.owner.toLowerCase() === installation.account.toLowerCase())
        .sort((a, b) => a.name.localeCompare(b.name));
      const { page, link } = paginate(repos, ctx.url);
      return {
        status: 200,
        body: {
          total_count: repos.length,
          repository_selection: installation.selection,
          repositories: page.map((r) =>
            repoJson(
              "repository",
              r as (typeof repos)[number],
              ctx.state.account(r.owner)!,
              ctx.state.installationRole(grant, r),
              ctx.urls,
            ),
          ),
        },
        headers: link ? { link } : ({} as Record<string, string>),
      };
    },
  ],
];

/** Routes an App request; `undefined` when the path is not an App route (the REST routes then answer). */
export function routeAppRequest(ctx: AppRouteContext, method: string, path: string): RestResult | undefined {
  for (const [m, pattern, needs, handler] of appRoutes) {
    const match = pattern.exec(path);
    if (!match || m !== method) continue;
    if (needs === "jwt" && !ctx.app) return requiresJwt();
    if (needs === "installation" && !ctx.token?.installation) {
      return {
        status: 403,
        body: githubError(
          403,
          "You must authenticate with an installation access token in order to list repositories for an installation.",
        ),
      };
    }
    return handler(ctx, match.slice(1).map(decodeURIComponent));
  }
  return undefined;
}
