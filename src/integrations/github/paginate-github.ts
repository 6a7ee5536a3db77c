import { UpstreamError } from "../../core/errors.ts";
import type { GithubOctokitInstance } from "./create-github-octokit.ts";

const MAX_PAGES = 100;

/**
 * Follows GitHub's `Link: rel="next"` through every page of a list, 100 items a page.
 * A next link that leaves the API's origin or path is refused: the token goes with it.
 */
export async function paginateGithub(
  octokit: GithubOctokitInstance,
  apiUrl: string,
  path: string,
  signal: AbortSignal,
): Promise<unknown[]> {
  const base = new URL(apiUrl.replace(/\/+$/, "") + "/");
  const first = new URL(path.replace(/^\//, ""), base);
  first.searchParams.set("per_page", "100");
  const items: unknown[] = [];
  let url: string | undefined = first.toString();
  for (let page = 0; url !== undefined; page++) {
    if (page >= MAX_PAGES) throw new UpstreamError("GITHUB_UNEXPECTED_RESPONSE", `GitHub returned more than ${MAX_PAGES} pages.`);
    const response: { data: unknown; headers: Record<string, unknown> } = await octokit.request({
      method: "GET",
      url,
      request: { signal },
    });
    if (!Array.isArray(response.data))
      throw new UpstreamError("GITHUB_UNEXPECTED_RESPONSE", "GitHub returned a list page that is not a list.");
    items.push(...(response.data as unknown[]));
    const next: string | undefined = /<([^>]+)>;\s*rel="next"/.exec(String(response.headers.link ?? ""))?.[1];
    if (next !== undefined) {
      const nextUrl = new URL(next, base);
      if (nextUrl.origin !== base.origin || !nextUrl.pathname.startsWith(base.pathname)) {
        throw new UpstreamError("GITHUB_UNEXPECTED_RESPONSE", "GitHub's next-page link points to another host; it was not followed.");
      }
    }
    url = next;
  }
  return items;
}
