import type { FakeAccount, FakeRepo, RepoRole } from "./state.ts";
import { roleRank } from "./state.ts";

/** Where the fake lives: its web root and REST root. */
export interface FakeUrls {
  web: string;
  api: string;
}

const nodeId = (kind: string, id: number) => Buffer.from(`0:${kind}${id}`).toString("base64").replace(/=+$/, "");

/** GitHub's `simple-user` for an account. */
export function simpleUserJson(account: FakeAccount, urls: FakeUrls) {
  const u = `${urls.api}/users/${account.login}`;
  return {
    login: account.login,
    id: account.id,
    node_id: nodeId(account.type, account.id),
    avatar_url: `${urls.web}/avatars/u/${account.id}`,
    gravatar_id: "",
    url: u,
    html_url: `${urls.web}/${account.login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: account.type,
    user_view_type: "public",
    site_admin: false,
  };
}

/** GitHub's `private-user`: the authenticated user as `GET /user` returns it. */
export function privateUserJson(account: FakeAccount, urls: FakeUrls, ownedPrivateRepos: number, publicRepos: number) {
  return {
    ...simpleUserJson(account, urls),
    user_view_type: "private",
    name: account.name,
    company: null,
    blog: "",
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: publicRepos,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: account.createdAt,
    updated_at: account.createdAt,
    private_gists: 0,
    total_private_repos: ownedPrivateRepos,
    owned_private_repos: ownedPrivateRepos,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
    plan: { name: "enterprise", space: 976562499, collaborators: 0, private_repos: 9999 },
  };
}

/** GitHub's `public-user`: any account as `GET /users/{username}` shows it to others. */
export function publicUserJson(account: FakeAccount, urls: FakeUrls, publicRepos: number) {
  const { login, id, node_id, avatar_url, gravatar_id, url, html_url, type, site_admin, ...links } = privateUserJson(
    account,
    urls,
    0,
    publicRepos,
  );
  return {
    login,
    id,
    node_id,
    avatar_url,
    gravatar_id,
    url,
    html_url,
    type,
    site_admin,
    followers_url: links.followers_url,
    following_url: links.following_url,
    gists_url: links.gists_url,
    starred_url: links.starred_url,
    subscriptions_url: links.subscriptions_url,
    organizations_url: links.organizations_url,
    repos_url: links.repos_url,
    events_url: links.events_url,
    received_events_url: links.received_events_url,
    user_view_type: "public",
    name: account.name,
    company: null,
    blog: "",
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: publicRepos,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: account.createdAt,
    updated_at: account.createdAt,
  };
}

/** GitHub's `permissions` object for a role. */
export function permissionsJson(role: RepoRole) {
  const at = (r: RepoRole) => roleRank[role] >= roleRank[r];
  return { admin: at("admin"), maintain: at("maintain"), push: at("write"), triage: at("triage"), pull: true };
}

/**
 * A repository in one of GitHub's three shapes: `minimal-repository` (org/user lists),
 * `repository` (`/user/repos`) or `full-repository` (`GET /repos/{owner}/{repo}`).
 */
export function repoJson(
  kind: "minimal" | "repository" | "full",
  repo: FakeRepo,
  owner: FakeAccount,
  role: RepoRole | undefined,
  urls: FakeUrls,
) {
  const fullName = `${repo.owner}/${repo.name}`;
  const r = `${urls.api}/repos/${fullName}`;
  const host = new URL(urls.web).hostname;
  const minimal = {
    id: repo.id,
    node_id: nodeId("Repository", repo.id),
    name: repo.name,
    full_name: fullName,
    owner: simpleUserJson(owner, urls),
    private: repo.private,
    html_url: `${urls.web}/${fullName}`,
    description: repo.description,
    fork: false,
    url: r,
    archive_url: `${r}/{archive_format}{/ref}`,
    assignees_url: `${r}/assignees{/user}`,
    blobs_url: `${r}/git/blobs{/sha}`,
    branches_url: `${r}/branches{/branch}`,
    collaborators_url: `${r}/collaborators{/collaborator}`,
    comments_url: `${r}/comments{/number}`,
    commits_url: `${r}/commits{/sha}`,
    compare_url: `${r}/compare/{base}...{head}`,
    contents_url: `${r}/contents/{+path}`,
    contributors_url: `${r}/contributors`,
    deployments_url: `${r}/deployments`,
    downloads_url: `${r}/downloads`,
    events_url: `${r}/events`,
    forks_url: `${r}/forks`,
    git_commits_url: `${r}/git/commits{/sha}`,
    git_refs_url: `${r}/git/refs{/sha}`,
    git_tags_url: `${r}/git/tags{/sha}`,
    hooks_url: `${r}/hooks`,
    issue_comment_url: `${r}/issues/comments{/number}`,
    issue_events_url: `${r}/issues/events{/number}`,
    issues_url: `${r}/issues{/number}`,
    keys_url: `${r}/keys{/key_id}`,
    labels_url: `${r}/labels{/name}`,
    languages_url: `${r}/languages`,
    merges_url: `${r}/merges`,
    milestones_url: `${r}/milestones{/number}`,
    notifications_url: `${r}/notifications{?since,all,participating}`,
    pulls_url: `${r}/pulls{/number}`,
    releases_url: `${r}/releases{/id}`,
    stargazers_url: `${r}/stargazers`,
    statuses_url: `${r}/statuses/{sha}`,
    subscribers_url: `${r}/subscribers`,
    subscription_url: `${r}/subscription`,
    tags_url: `${r}/tags`,
    teams_url: `${r}/teams`,
    trees_url: `${r}/git/trees{/sha}`,
    git_url: `git://${host}/${fullName}.git`,
    ssh_url: `git@${host}:${fullName}.git`,
    clone_url: `${urls.web}/${fullName}.git`,
    svn_url: `${urls.web}/${fullName}`,
    mirror_url: null,
    homepage: null,
    language: null,
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 1,
    default_branch: repo.defaultBranch,
    open_issues_count: 0,
    open_issues: 0,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: repo.archived,
    disabled: false,
    visibility: repo.private ? "private" : "public",
    pushed_at: repo.pushedAt,
    created_at: repo.createdAt,
    updated_at: repo.pushedAt,
    ...(role === undefined ? {} : { permissions: permissionsJson(role) }),
    allow_forking: true,
    web_commit_signoff_required: false,
    license: null,
  };
  if (kind !== "full") return minimal;
  const organization = owner.type === "Organization" ? simpleUserJson(owner, urls) : undefined;
  return { ...minimal, ...(organization ? { organization } : {}), network_count: 0, subscribers_count: 0, temp_clone_token: null };
}

/** GitHub's `short-branch`. */
export function branchJson(repo: FakeRepo, name: string, sha: string, urls: FakeUrls) {
  return {
    name,
    commit: { sha, url: `${urls.api}/repos/${repo.owner}/${repo.name}/commits/${sha}` },
    protected: repo.protectedBranches.includes(name),
  };
}
