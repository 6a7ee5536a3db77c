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
      return {
        step: {
          name: "visibility",
          status: "failed",
          code: "REPO_NOT_VISIBLE",
          message: `GitHub answers "not found" for ${fullName} with this token: it does not exist, or the token may not see it.`,
          remedy: notVisibleRemedy,
        },
        info: null,
      };
    case "GITHUB_SSO_REQUIRED": {
      const ssoUrl = typeof error.details?.ssoUrl === "string" ? error.details.ssoUrl : null;
      const remedy = ssoUrl
        ? `Open ${ssoUrl} to authorize the token for the organization's single sign-on, then check again.`
        : "On GitHub, choose Configure SSO next to the token and authorize the organization, then check again.";
      return {
        step: {
          name: "visibility",
          status: "failed",
          code: "GITHUB_SSO_REQUIRED",
          message: `The token is not authorized for the SAML single sign-on of ${owner}.`,
          remedy,
        },
        info: null,
      };
    }
    case "GITHUB_ORG_FORBIDS_FINE_GRAINED":
    case "GITHUB_ORG_TOKEN_LIFETIME_TOO_LONG": {
      const org = typeof error.details?.org === "string" ? error.details.org : owner;
      const days = error.details?.maxLifetimeDays;
      return {
        step: {
          name: "visibility",
          status: "failed",
          code: error.code,
          message: error.message,
          remedy:
            error.code === "GITHUB_ORG_TOKEN_LIFETIME_TOO_LONG"
              ? `Regenerate the token on GitHub with an expiration of at most ${days} days ` +
                `(Settings → Developer settings → Fine-grained tokens → the token → Regenerate), then update the credential.`
              : `Ask an owner of ${org} to allow fine-grained personal access tokens (${org} → Settings → Personal access tokens), ` +
                `or connect ${org}'s repositories with a GitHub App or a personal access token (classic).`,
        },
        info: null,
      };
    }
    case "GITHUB_PERMISSION_MISSING":
      return {
        step: {
          name: "visibility",
          status: "failed",
          code: error.code,
          message: error.message,
          remedy: `On GitHub, edit the token's repository permissions: it needs ${String(error.details?.needs)}. Then check again.`,
        },
        info: null,
      };
    case "GITHUB_RATE_LIMITED":
    case "GITHUB_UNREACHABLE":
      return {
        step: {
          name: "visibility",
          status: "warning",
          code: error.code,
          message: `GitHub's API could not be asked about ${fullName}: ${error.message}`,
          remedy: "Check again later; the Git transport step still ran.",
        },
        info: null,
      };
    default:
      return {
        step: {
          name: "visibility",
          status: "failed",
          code: error.code,
          message: error.message,
          remedy: "Check the token's access to the repository on GitHub, then check again.",
        },
        info: null,
      };
  }
}
