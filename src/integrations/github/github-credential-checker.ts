import type { CredentialSecretPayload } from "../../core/credentials/credential.ts";
import type { CredentialChecker, CredentialCheckResult } from "../../core/credentials/credential-checker.ts";
import type { Host } from "../../core/hosts/host.ts";
import type { GithubApiTarget, GithubClient } from "./github-client.ts";
import { Secret } from "../../core/secret.ts";
import { classifyToken } from "./classify-token.ts";
import { assessToken } from "./token-report.ts";

/** The API target of a host, as the GitHub client wants it. */
export function githubApiTarget(host: Host): GithubApiTarget {
  // The registry hands GitHub's code GitHub hosts only; a generic Git host has no API to call.
  if (host.kind !== "github") throw new Error(`githubApiTarget: ${host.name} is a ${host.kind} host, not GitHub.`);
  return { apiUrl: host.apiUrl, allowPrivateNetwork: host.allowPrivateNetwork, ...(host.caBundle ? { caBundle: host.caBundle } : {}) };
}

/**
 * Checks a token against GitHub (`GET /user`): identity, `repo` scope, dangerous scopes,
 * expiry, SSO. SSH keys are checked by the Git transport step instead.
 */
export class GithubCredentialChecker implements CredentialChecker {
  readonly #client: GithubClient;
  readonly #now: () => Date;

  constructor(client: GithubClient, now: () => Date = () => new Date()) {
    this.#client = client;
    this.#now = now;
  }

  async check(host: Host, payload: CredentialSecretPayload): Promise<CredentialCheckResult> {
    if (payload.kind !== "token") {
      return {
        status: "unreachable",
        login: null,
        scopes: null,
        expiresAt: null,
        problems: [],
        facts: { note: "SSH keys are checked when a repository's Git transport is checked." },
      };
    }
    const classification = classifyToken(payload.token);
    const inspection = await this.#client.inspectToken(githubApiTarget(host), new Secret(payload.token));
    const report = assessToken(classification, inspection, this.#now());
    const facts = {
      tokenType: report.tokenType,
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
}
