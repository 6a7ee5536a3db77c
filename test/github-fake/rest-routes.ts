import { readBranches } from "./git-repo-builder.ts";
import {
  fineGrainedRefused,
  githubError,
  movedPermanently,
  notFound,
  permissionMissing,
  ssoRequired,
  type RestResult,
} from "./github-errors.ts";
import { paginate } from "./paginate.ts";
import { branchJson, privateUserJson, publicUserJson, repoJson, type FakeUrls } from "./payloads.ts";
import type { FakeRepo, FakeToken, GithubFakeState } from "./state.ts";

/** What a REST handler gets. */
export interface RestContext {
  state: GithubFakeState;
  urls: FakeUrls;
  home: string;
  token: FakeToken | undefined;
  url: URL;
}

type Handler = (ctx: RestContext, params: string[]) => Promise<RestResult>;

const byFullName = (a: FakeRepo, b: FakeRepo) => `${a.owner}/${a.name}`.toLowerCase().localeCompare(`${b.owner}/${b.name}`.toLowerCase());

function list(ctx: RestContext, items: unknown[], headers: Record<string, string> = {}): RestResult {
  const { page, link } = paginate(items, ctx.url);
  return { status: 200, body: page, headers: link ? { ...headers, link } : headers };
}

/** GitHub's 403 when the owner organization's policy refuses the (fine-grained) token; `null` when it does not. */
function policyRefusal(ctx: RestContext, owner: string): RestResult | null {
  const why = ctx.state.fineGrainedRefusal(ctx.token, owner);
  if (!why) return null;
  const account = ctx.state.account(owner)!;
  return fineGrainedRefused(ctx.urls.web, account.login, why, account.fineGrainedPolicy?.maxLifetimeDays);
}

/** Visible repositories of one owner, or a failure (404 / SSO). */
function ownerRepos(ctx: RestContext, owner: string, orgOnly: boolean): RestResult | FakeRepo[] {
  const account = ctx.state.account(owner);
  if (!account || (orgOnly && account.type !== "Organization")) return notFound();
  if (ctx.token && ctx.state.blockedBySso(ctx.token, account.login)) return ssoRequired(ctx.urls.web, account.login);
  const refused = policyRefusal(ctx, account.login);
  if (refused) return refused;
  return [...ctx.state.repos.values()]
    .filter((r) => r.owner === account.login && ctx.state.tokenRole(ctx.token, r) !== undefined)
    .sort(byFullName);
}

async function visibleRepo(ctx: RestContext, owner: string, name: string): Promise<RestResult | FakeRepo> {
  const repo = ctx.state.repo(owner, name);
  const moved = repo ? undefined : ctx.state.movedRepo(owner, name);
  if (moved) {
    const below = ctx.url.pathname.replace(/^.*?\/repos\/[^/]+\/[^/]+/, "");
    return movedPermanently(`${ctx.urls.api}/repositories/${moved.id}${below}${ctx.url.search}`);
  }
  if (!repo) return notFound();
  if (ctx.token && ctx.state.blockedBySso(ctx.token, repo.owner)) return ssoRequired(ctx.urls.web, repo.owner);
  const refused = policyRefusal(ctx, repo.owner);
  if (refused) return refused;
  return ctx.state.tokenRole(ctx.token, repo) === undefined ? notFound() : repo;
}

const repoList = (ctx: RestContext, repos: FakeRepo[], kind: "minimal" | "repository") =>
  repos.map((r) => repoJson(kind, r, ctx.state.account(r.owner)!, ctx.token && ctx.state.tokenRole(ctx.token, r), ctx.urls));

const handlers: [method: string, pattern: RegExp, acceptedScopes: string, handler: Handler][] = [
  [
    "GET",
    /^\/user$/,
    "",
    async (ctx) => {
      if (!ctx.token) return { status: 401, body: githubError(401, "Requires authentication") };
      const me = ctx.state.account(ctx.token.login)!;
      const mine = [...ctx.state.repos.values()].filter((r) => r.owner === me.login);
      return {
        status: 200,
        body: privateUserJson(me, ctx.urls, mine.filter((r) => r.private).length, mine.filter((r) => !r.private).length),
      };
    },
  ],
  [
    "GET",
    /^\/repos\/([^/]+)\/([^/]+)$/,
    "repo",
    async (ctx, [owner = "", name = ""]) => {
      const repo = await visibleRepo(ctx, owner, name);
      if (!("gitDir" in repo)) return repo;
      const role = ctx.token && ctx.state.tokenRole(ctx.token, repo);
      return { status: 200, body: repoJson("full", repo, ctx.state.account(repo.owner)!, role, ctx.urls) };
    },
  ],
  [
    "GET",
    /^\/repos\/([^/]+)\/([^/]+)\/branches$/,
    "repo",
    async (ctx, [owner = "", name = ""]) => {
      const repo = await visibleRepo(ctx, owner, name);
      if (!("gitDir" in repo)) return repo;
      // Listing branches reads Contents; a fine-grained token with Metadata only is refused.
      if (ctx.token?.fineGrained?.contents === "none" && repo.private) return permissionMissing("contents=read");
      const onlyProtected = ctx.url.searchParams.get("protected");
      const branches = (await readBranches(ctx.home, repo.gitDir))
        .map((b) => branchJson(repo, b.name, b.sha, ctx.urls))
        .filter((b) => onlyProtected === null || String(b.protected) === onlyProtected);
      return list(ctx, branches);
    },
  ],
  [
    "GET",
    /^\/users\/([^/]+)$/,
    "",
    async (ctx, [login = ""]) => {
      const account = ctx.state.account(login);
      if (!account) return notFound();
      const publicRepos = [...ctx.state.repos.values()].filter((r) => r.owner === account.login && !r.private).length;
      return { status: 200, body: publicUserJson(account, ctx.urls, publicRepos) };
    },
  ],
  [
    "GET",
    /^\/user\/repos$/,
    "",
    async (ctx) => {
      if (!ctx.token) return { status: 401, body: githubError(401, "Requires authentication") };
      const token = ctx.token;
      const visibility = ctx.url.searchParams.get("visibility") ?? "all";
      const reachable = [...ctx.state.repos.values()].filter((r) => ctx.state.affiliated(token.login, r));
      const blockedOrgs = [
        ...new Set(reachable.filter((r) => ctx.state.blockedBySso(token, r.owner)).map((r) => ctx.state.account(r.owner)!.id)),
      ];
      const repos = reachable
        .filter((r) => !ctx.state.blockedBySso(token, r.owner) && ctx.state.tokenRole(token, r) !== undefined)
        .filter((r) => visibility === "all" || (visibility === "private") === r.private)
        .sort(byFullName);
      const headers: Record<string, string> = blockedOrgs.length
        ? { "x-github-sso": `partial-results; organizations=${blockedOrgs.join(",")}` }
        : {};
      return list(ctx, repoList(ctx, repos, "repository"), headers);
    },
  ],
  [
    "GET",
    /^\/orgs\/([^/]+)\/repos$/,
    "",
    async (ctx, [org = ""]) => {
      const repos = ownerRepos(ctx, org, true);
      return Array.isArray(repos) ? list(ctx, repoList(ctx, repos, "minimal")) : repos;
    },
  ],
  [
    "GET",
    /^\/users\/([^/]+)\/repos$/,
    "",
    async (ctx, [user = ""]) => {
      const repos = ownerRepos(ctx, user, false);
      return Array.isArray(repos) ? list(ctx, repoList(ctx, repos, "minimal")) : repos;
    },
  ],
];

const BY_ID = /^\/repositories\/(\d+)(\/.*)?$/;

/** Routes a REST request (path relative to `/api/v3`) to its handler; 404 for anything else. */
export async function routeRest(ctx: RestContext, method: string, path: string): Promise<RestResult & { acceptedScopes?: string }> {
  // `/repositories/{id}/…`, where a moved repository's former name redirects: served as its current name.
  const byId = BY_ID.exec(path);
  if (byId) {
    const repo = ctx.state.repoById(Number(byId[1]));
    return repo ? routeRest(ctx, method, `/repos/${repo.owner}/${repo.name}${byId[2] ?? ""}`) : notFound();
  }
  for (const [m, pattern, acceptedScopes, handler] of handlers) {
    const match = pattern.exec(path);
    if (match && m === method) return { ...(await handler(ctx, match.slice(1).map(decodeURIComponent))), acceptedScopes };
  }
  return notFound();
}
