import { applyCheckResult } from "../credentials/run-credential-check.ts";
import type { Credential } from "../credentials/credential.ts";
import type { CoreDeps } from "../deps.ts";
import { GithubCredentialChecker } from "../../integrations/github/github-credential-checker.ts";
import type { Host } from "../hosts/host.ts";
import type { TokenInspection } from "../../integrations/github/github-client.ts";
import { runTokenStep, type TokenStepResult } from "../../integrations/github/token-step.ts";
import type { Secret } from "../secret.ts";
import { githubWith } from "./github-with.ts";

/** The one token check of a credential in a cycle, and what GitHub said about its rate limit. */
export interface CredentialTokenCheck {
  token: TokenStepResult;
  inspection: TokenInspection | null;
}

/**
 * Asks GitHub about the token once — through `inspect` when given (the first GraphQL batch,
 * which carries `viewer`), else `GET /user` — turns the answer into the token step every
 * repository of the credential shares, and refreshes the credential's own status with it.
 * Either way the same rules classify the answer; a token failing GitHub's format checks is
 * never sent, so `inspect` is not called for it.
 */
export async function checkCredentialToken(
  deps: CoreDeps,
  host: Host,
  credential: Credential,
  token: Secret,
  inspect?: () => Promise<TokenInspection>,
): Promise<CredentialTokenCheck> {
  let inspection: TokenInspection | null = null;
  const once = githubWith(deps.github, {
    inspectToken: async (target, secret) => (inspection ??= await (inspect ? inspect() : deps.github.inspectToken(target, secret))),
  });
  const result = await runTokenStep({ github: once, now: deps.now }, host, token);
  if (inspection !== null) {
    const checked = await new GithubCredentialChecker(once, deps.now).check(host, { kind: "token", token: token.reveal() });
    // A secret replaced meanwhile has its own, fresher check: never overwrite it with this one.
    const current = await deps.store.credentials.findById(credential.id);
    if (checked.status !== "unreachable" && current?.secretVersion === credential.secretVersion) {
      await deps.store.credentials.updateMetadata(credential.id, applyCheckResult(checked, deps.now().toISOString()));
    }
  }
  return { token: result, inspection };
}
