/** A JSON error body the way GitHub writes them. */
export function githubError(status: number, message: string, documentationUrl = "https://docs.github.com/rest") {
  return { message, documentation_url: documentationUrl, status: String(status) };
}

/** The fake's answer to a REST request before common headers are added. */
export interface RestResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** 401 for a missing, unknown, revoked or expired token. */
export const badCredentials = (): RestResult => ({ status: 401, body: githubError(401, "Bad credentials") });

/** 404, which GitHub also gives for private things the caller may not see. */
export const notFound = (): RestResult => ({ status: 404, body: githubError(404, "Not Found") });

/**
 * 301 for a repository's former name: GitHub points at `/repositories/{id}` (the same path below it).
 * https://docs.github.com/rest/guides/best-practices-for-using-the-rest-api#follow-redirects
 */
export function movedPermanently(location: string): RestResult {
  return {
    status: 301,
    headers: { location },
    body: { message: "Moved Permanently", url: location, documentation_url: "https://docs.github.com/v3/#http-redirects" },
  };
}

/** 403 for an organization whose SAML SSO has not authorized the token. */
export function ssoRequired(webUrl: string, org: string): RestResult {
  const request = Buffer.from(`${org}:${Date.now()}`).toString("base64url");
  return {
    status: 403,
    headers: { "x-github-sso": `required; url=${webUrl}/orgs/${org}/sso?authorization_request=${request}` },
    body: githubError(
      403,
      "Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.",
      "https://docs.github.com/articles/authenticating-to-a-github-organization-with-saml-single-sign-on/",
    ),
  };
}

/** 403 for an organization whose policy refuses fine-grained tokens, or this token's lifetime (GitHub's own wording). */
export function fineGrainedRefused(webUrl: string, org: string, why: "forbidden" | "lifetime", maxDays?: number): RestResult {
  const message =
    why === "lifetime"
      ? `The '${org}' organization forbids access via a fine-grained personal access tokens if the token's lifetime is greater than ` +
        `${maxDays} days. Please adjust your token's lifetime at the following URL: ${webUrl}/settings/personal-access-tokens/1`
      : `The '${org}' organization forbids access via a fine-grained personal access tokens. ` +
        `Please use a GitHub App, OAuth App, or a personal access token (classic).`;
  return { status: 403, body: githubError(403, message) };
}

/** 403 for a fine-grained token that lacks a permission; GitHub names the one it needs in `X-Accepted-GitHub-Permissions`. */
export function permissionMissing(accepted: string): RestResult {
  return {
    status: 403,
    headers: { "x-accepted-github-permissions": accepted },
    body: githubError(403, "Resource not accessible by personal access token"),
  };
}
