import { type AppError, NotFoundError, UpstreamError } from "../../core/errors.ts";
import type { GithubFailure } from "./github-failure.ts";

/** The `AppError` for a failure of a repository call (`what` names the repository or list, never the token). */
export function githubFailureError(failure: GithubFailure, what: string): AppError {
  switch (failure.kind) {
    case "revoked":
      return new UpstreamError(
        "GITHUB_TOKEN_REVOKED",
        "GitHub rejected the token (Bad credentials): it was revoked, has expired or never existed.",
      );
    case "sso-required":
      return new UpstreamError(
        "GITHUB_SSO_REQUIRED",
        `The token is not authorized for the SAML single sign-on of the organization that owns ${what}.`,
        { details: { ssoUrl: failure.ssoUrl } },
      );
    case "rate-limited":
      return new UpstreamError("GITHUB_RATE_LIMITED", "GitHub's rate limit for this token was reached.", {
        details: { resetAt: failure.resetAt },
      });
    case "not-found":
      return new NotFoundError(
        "GITHUB_REPO_NOT_FOUND",
        `GitHub shows no ${what} to this token: it does not exist or the token may not see it.`,
        { what },
      );
    case "forbidden":
      if (failure.needs)
        return new UpstreamError("GITHUB_PERMISSION_MISSING", `GitHub refused access to ${what}: the token needs ${failure.needs}.`, {
          details: { status: failure.status, requestId: failure.requestId, needs: failure.needs },
        });
      return new UpstreamError("GITHUB_FORBIDDEN", `GitHub refused access to ${what} for this token.`, {
        details: { status: failure.status, requestId: failure.requestId },
      });
    case "policy-refused": {
      const org = failure.org ?? "the organization that owns it";
      return failure.maxLifetimeDays === null
        ? new UpstreamError(
            "GITHUB_ORG_FORBIDS_FINE_GRAINED",
            `GitHub refused ${what}: ${org} does not allow fine-grained personal access tokens.`,
            { details: { org: failure.org } },
          )
        : new UpstreamError(
            "GITHUB_ORG_TOKEN_LIFETIME_TOO_LONG",
            `GitHub refused ${what}: ${org} allows fine-grained personal access tokens that live ` +
              `at most ${failure.maxLifetimeDays} days, ` +
              `and this one lives longer.`,
            { details: { org: failure.org, maxLifetimeDays: failure.maxLifetimeDays } },
          );
    }
    case "unreachable":
      return new UpstreamError("GITHUB_UNREACHABLE", `GitHub could not be reached: ${failure.reason}.`);
    case "unexpected":
      return new UpstreamError("GITHUB_UNEXPECTED_RESPONSE", `GitHub answered ${what} with HTTP ${failure.status}.`, {
        details: { status: failure.status, requestId: failure.requestId },
      });
  }
}
