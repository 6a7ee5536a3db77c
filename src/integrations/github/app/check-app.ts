import type { CredentialSecretPayload } from "../../../core/credentials/credential.ts";
import type { CredentialCheckResult } from "../../../core/credentials/credential-checker.ts";
import { AppError } from "../../../core/errors.ts";
import type { Host } from "../../../core/hosts/host.ts";
import { Secret } from "../../../core/secret.ts";
import { githubApiTarget } from "../github-api-target.ts";
import { installAppUrl } from "./app-remedies.ts";
import type { GithubAppTokens } from "./github-app-tokens.ts";

/**
 * A GitHub App checked on its own, on save: `GET /app` with a JWT signed by the key (the App
 * exists and the key is one of its keys); with an installation ID, that installation too.
 */
export async function checkApp(
  apps: GithubAppTokens,
  host: Host,
  payload: Extract<CredentialSecretPayload, { kind: "github-app" }>,
): Promise<CredentialCheckResult> {
  const target = githubApiTarget(host);
  const app = { appId: payload.appId, privateKey: new Secret(payload.privateKey), installationId: payload.installationId };
  try {
    const facts = await apps.app(target, app);
    const problems = [];
    if (facts.permissions.contents === undefined) {
      problems.push({
        code: "APP_NO_CONTENTS_PERMISSION",
        severity: "warning" as const,
        message: `The App ${facts.slug} has no Contents permission: it can neither clone nor push.`,
        remedy:
          `In the App's settings (Permissions & events) set Repository permissions → Contents to "Read and write" ` +
          `(or "Read-only"), Metadata to "Read-only", and save.`,
      });
    }
    const facts2 = {
      tokenType: "GitHub App",
      appSlug: facts.slug,
      appName: facts.name,
      appOwner: facts.owner,
      installUrl: installAppUrl(host.webUrl, facts.slug),
      permissions: facts.permissions,
    };
    return {
      status: problems.length ? "warning" : "valid",
      login: `${facts.slug}[bot]`,
      scopes: null,
      expiresAt: null,
      problems,
      facts: facts2,
    };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "GITHUB_APP_REFUSED") {
      return {
        status: "invalid",
        login: null,
        scopes: null,
        expiresAt: null,
        problems: [
          {
            code: "APP_REFUSED",
            severity: "error",
            message: error.message,
            remedy:
              `Check the App ID on the App's settings page (${host.webUrl.replace(/\/+$/, "")}/settings/apps → the App → About), ` +
              `and there click "Generate a private key" and use the downloaded .pem.`,
          },
        ],
        facts: { tokenType: "GitHub App" },
      };
    }
    return {
      status: "unreachable",
      login: null,
      scopes: null,
      expiresAt: null,
      problems: [],
      facts: { tokenType: "GitHub App", reason: error.message },
    };
  }
}
