import { AppError } from "../../core/errors.ts";
import { githubApiTarget } from "./github-api-target.ts";
import type { GithubClient } from "./github-client.ts";
import type { Host } from "../../core/hosts/host.ts";
import type { RepositoryInfo } from "./github-client.ts";
import type { Secret } from "../../core/secret.ts";
import type { CheckStep } from "../../core/repositories/connection-report.ts";

/** What the visibility step found: the repository's facts when GitHub showed it. */
export interface VisibilityStepResult {
  step: CheckStep;
  info: RepositoryInfo | null;
}

const notVisibleRemedy =
  "Check the URL for a typo. " +
  "For a fine-grained token, add this repository under Repository access (or choose All repositories) with Contents permission. " +
  "If the organization uses SAML single sign-on, authorize the token for it (Configure SSO next to the token). " +
  "For a classic token, make sure its owner can open the repository on GitHub.";

/** What GitHub answered about one repository: its facts, or the error it gave. */
export type RepositoryAnswer = RepositoryInfo | AppError;

/** Asks GitHub for the repository with the token; the answer is the error when it fails with one. */
export async function askRepository(
  client: GithubClient,
  host: Host,
  token: Secret,
  owner: string,
  repo: string,
): Promise<RepositoryAnswer> {
  try {
    return await client.getRepository(githubApiTarget(host), token, owner, repo);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return error;
  }
}

/** The visibility step from GitHub's answer about `owner/repo`: a 404 means the token cannot see it. */
export function visibilityStep(owner: string, repo: string, answer: RepositoryAnswer): VisibilityStepResult {
  const fullName = `${owner}/${repo}`;
  if (!(answer instanceof AppError)) {
    const info = answer;
    const kind = info.private ? "private" : "public";
    return {
      step: {
        name: "visibility",
        status: "passed",
        code: null,
        message: `GitHub shows ${info.fullName} (${kind}${info.archived ? ", archived" : ""}) to this token.`,
        remedy: null,
      },
      info,
    };
  }
  const error = answer;
  switch (error.code) {
    case "GITHUB_REPO_NOT_FOUND":
      return notSeen(
        "failed",
        "REPO_NOT_VISIBLE",
        `GitHub answers "not found" for ${fullName} with this token: it does not exist, or the token may not see it.`,
        notVisibleRemedy,
      );
    case "GITHUB_SSO_REQUIRED": {
      const ssoUrl = typeof error.details?.ssoUrl === "string" ? error.details.ssoUrl : null;
      const remedy = ssoUrl
        ? `Open ${ssoUrl} to authorize the token for the organization's single sign-on, then check again.`
        : "On GitHub, choose Configure SSO next to the token and authorize the organization, then check again.";
      return notSeen("failed", error.code, `The token is not authorized for the SAML single sign-on of ${owner}.`, remedy);
    }
    case "GITHUB_ORG_FORBIDS_FINE_GRAINED": {
      const org = typeof error.details?.org === "string" ? error.details.org : owner;
      return notSeen(
        "failed",
        error.code,
        error.message,
        `Ask an owner of ${org} to allow fine-grained personal access tokens (${org} → Settings → Personal access tokens), ` +
          `or connect ${org}'s repositories with a GitHub App or a personal access token (classic).`,
      );
    }
    case "GITHUB_ORG_TOKEN_LIFETIME_TOO_LONG":
      return notSeen(
        "failed",
        error.code,
        error.message,
        `Regenerate the token on GitHub with an expiration of at most ${String(error.details?.maxLifetimeDays)} days ` +
          `(Settings → Developer settings → Fine-grained tokens → the token → Regenerate), then update the credential.`,
      );
    case "GITHUB_PERMISSION_MISSING":
      return notSeen(
        "failed",
        error.code,
        error.message,
        `On GitHub, edit the token's repository permissions: it needs ${String(error.details?.needs)}. Then check again.`,
      );
    case "GITHUB_RATE_LIMITED":
    case "GITHUB_UNREACHABLE":
      return notSeen(
        "warning",
        error.code,
        `GitHub's API could not be asked about ${fullName}: ${error.message}`,
        "Check again later; the Git transport step still ran.",
      );
    default:
      return notSeen("failed", error.code, error.message, "Check the token's access to the repository on GitHub, then check again.");
  }
}

/** The visibility step when GitHub did not show the repository. */
function notSeen(status: CheckStep["status"], code: string, message: string, remedy: string): VisibilityStepResult {
  return { step: { name: "visibility", status, code, message, remedy }, info: null };
}
