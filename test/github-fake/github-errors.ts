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
