import type { CredentialSecretPayload } from "../../core/credentials/credential.ts";
import { notCheckedOnline, type CredentialChecker, type CredentialCheckResult } from "../../core/credentials/credential-checker.ts";
import type { Host } from "../../core/hosts/host.ts";
import { Secret } from "../../core/secret.ts";
import { classifyToken } from "./classify-token.ts";
import { githubApiTarget } from "./github-api-target.ts";
import type { GithubClient, TokenInspection } from "./github-client.ts";
import { tokenTypeLabels, type TokenClassification } from "./github-token-formats.ts";
import { assessToken } from "./token-report.ts";
import { ssoPendingProblem, tokenSettingsUrl } from "./sso-pending.ts";
import { checkApp } from "./app/check-app.ts";
import type { GithubAppTokens } from "./app/github-app-tokens.ts";

/** The credential check result from GitHub's answer about a token (`GET /user` or a GraphQL `viewer`). */
export function credentialCheckOf(classification: TokenClassification, inspection: TokenInspection, now: Date): CredentialCheckResult {
  const report = assessToken(classification, inspection, now);
  const facts = {
    // In plain words wherever it is shown ("GitHub fine-grained personal access token", not a code).
    tokenType: tokenTypeLabels[report.tokenType],
    ssoUrl: report.ssoUrl,
    rateLimit: report.rateLimit,
    userId: report.identity?.userId ?? null,
  };
  if (inspection.outcome === "unreachable" || inspection.outcome === "rate-limited") {
    return { status: "unreachable", login: null, scopes: null, expiresAt: null, problems: report.problems, facts };
  }
  return {
    status: report.status === "ok" ? "valid" : report.status === "warning" ? "warning" : "invalid",
    login: report.identity?.login ?? null,
    scopes: report.scopes,
    expiresAt: report.expiresAt,
    problems: report.problems,
    facts,
  };
}

/**
 * Checks a token against GitHub (`GET /user`): identity, `repo` scope, dangerous scopes,
 * expiry, SSO. SSH keys are checked by the Git transport step instead.
 */
export class GithubCredentialChecker implements CredentialChecker {
  readonly #client: GithubClient;
  readonly #now: () => Date;

  readonly #apps: GithubAppTokens | undefined;

  constructor(client: GithubClient, now: () => Date = () => new Date(), apps?: GithubAppTokens) {
    this.#client = client;
    this.#now = now;
    this.#apps = apps;
  }

  async check(host: Host, payload: CredentialSecretPayload): Promise<CredentialCheckResult> {
    if (payload.kind === "github-app") {
      if (!this.#apps) return notCheckedOnline("GitHub Apps are checked when a repository is checked.");
      return checkApp(this.#apps, host, payload);
    }
    if (payload.kind !== "token") return notCheckedOnline("SSH keys are checked when a repository's Git transport is checked.");
    const target = githubApiTarget(host);
    const token = new Secret(payload.token);
    const inspection = await this.#client.inspectToken(target, token);
    const result = credentialCheckOf(classifyToken(payload.token), inspection, this.#now());
    return inspection.outcome === "valid" ? this.#withSso(result, inspection.scopes, host, token) : result;
  }

  /**
   * Adds the single sign-on state: `GET /user` succeeds for a token no SAML organization has authorized yet,
   * so the token step would say "no authorization needed". Classic tokens only (fine-grained ones are approved
   * by the organization instead); a failure to ask leaves the check as it was.
   */
  async #withSso(result: CredentialCheckResult, scopes: string[] | null, host: Host, token: Secret): Promise<CredentialCheckResult> {
    if (scopes === null || !this.#client.ssoPendingOrganizations || result.status === "invalid") return result;
    const sso = await this.#client.ssoPendingOrganizations(githubApiTarget(host), token).catch(() => null);
    if (sso === null) return result;
    // The second request spent from the same limit: report what is left after it.
    const checked = sso.rateLimit ? { ...result, facts: { ...result.facts, rateLimit: sso.rateLimit } } : result;
    const pending = sso.organizations;
    if (pending === 0) return checked;
    return {
      ...checked,
      status: "warning",
      problems: [...result.problems, ssoPendingProblem(pending, host.webUrl)],
      facts: { ...checked.facts, ssoUrl: tokenSettingsUrl(host.webUrl), ssoPendingOrganizations: pending },
    };
  }
}
