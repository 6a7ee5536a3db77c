import { Octokit } from "@octokit/core";
import { AppError, InputError, UpstreamError } from "../../../core/errors.ts";
import type { ConvertedApp } from "../../../core/ports/integration.ts";
import type { GithubApiTarget } from "../github-client.ts";
import { githubFailureError } from "../github-failure-error.ts";
import { toGithubFailure } from "../github-failure.ts";

/** The page an App manifest is posted to: the signed-in user's, or an organization's. */
export function newAppUrl(webUrl: string, organization: string | null): string {
  const root = webUrl.replace(/\/+$/, "");
  return organization ? `${root}/organizations/${encodeURIComponent(organization)}/settings/apps/new` : `${root}/settings/apps/new`;
}

/**
 * Trades the one-time code of GitHub's App manifest flow for the new App
 * (`POST /app-manifests/{code}/conversions`, unauthenticated: the code is the proof).
 * @throws InputError `APP_MANIFEST_CODE_INVALID` when GitHub does not know the code (used, expired, mistyped)
 */
export async function convertAppManifest(
  target: GithubApiTarget,
  code: string,
  options: { fetch: typeof fetch; userAgent: string; timeoutMs: number },
): Promise<ConvertedApp> {
  const octokit = new Octokit({
    baseUrl: target.apiUrl.replace(/\/+$/, ""),
    userAgent: options.userAgent,
    request: { fetch: options.fetch, redirect: "manual" },
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  try {
    const { data } = await octokit.request("POST /app-manifests/{code}/conversions", {
      code,
      request: { signal: AbortSignal.timeout(options.timeoutMs) },
    });
    if (!data?.pem || data.id === undefined)
      throw new UpstreamError("GITHUB_UNEXPECTED_RESPONSE", "GitHub answered the App manifest conversion without the App's key.");
    return { appId: String(data.id), slug: data.slug ?? String(data.id), name: data.name, privateKey: data.pem };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const status = (error as { status?: number }).status;
    if (status === 404 || status === 422) {
      throw new InputError(
        "APP_MANIFEST_CODE_INVALID",
        "GitHub no longer knows the code it sent back (it is valid for one hour and once). Start again with “Create the App on GitHub”.",
        "code",
      );
    }
    throw githubFailureError(toGithubFailure(error, ""), "the App manifest conversion");
  }
}
