import type { Credential } from "../credentials/credential.ts";
import type { CredentialCheckResult } from "../credentials/credential-checker.ts";
import { credentialServes } from "../credentials/credential-serves.ts";
import type { OpenedSecret } from "../credentials/open-credential-secret.ts";
import type { CoreDeps } from "../deps.ts";
import { AppError } from "../errors.ts";
import type { TransportProbe } from "../health/transport-probe.ts";
import type { Limiter } from "../health/limit-concurrency.ts";
import type { RateBudget } from "../health/rate-budget.ts";
import type { Host } from "../hosts/host.ts";
import type { GitAuth } from "../ports/git-transport.ts";
import type { CheckBatchOutcome, CheckedRepository, CheckSession } from "../ports/integration.ts";
import { skippedStep, type CheckStep } from "./connection-report.ts";
import { gitCredentialUse } from "./git-credential-use.ts";
import type { Repository } from "./repository.ts";
import { runTransportStep } from "./transport-step.ts";

/** One credential's check run: the opened secret and how hard the run may press the host. */
export interface ConnectionCheckRun {
  host: Host;
  credential: Credential;
  secret: OpenedSecret;
  limit: Limiter;
  /** The credential's share of the host's rate limits (health cycles); absent for a check on demand. */
  budget?: RateBudget;
  /** Whether a repository's Git transport is checked in this run; absent means always. */
  transportDue?: (repository: Repository) => boolean;
  /** The cheap smart-HTTP probe for HTTPS remotes (health cycles); absent means `git ls-remote`. */
  probe?: TransportProbe;
  /** Keeps what the steps learned about the credential itself as its status. */
  reportCredential?: (result: CredentialCheckResult) => Promise<void>;
}

const AFTER_FAILURE = "Not run: an earlier step failed.";
const NOT_DUE = "Not run this cycle: a connected repository's Git transport is probed every few cycles.";
const refusalRemedies: Record<string, string> = {
  CREDENTIAL_HOST_MISMATCH: "Register the repository with a credential of its own host.",
  CREDENTIAL_KIND_MISMATCH: "Register the repository with its HTTPS URL for a token, or its SSH URL for an SSH key.",
};

/** Every step of the kind, in its order; after a failed step the ones that did not run are skipped. */
function completeSteps(steps: CheckStep[], names: readonly string[]): CheckStep[] {
  const why = steps.some((s) => s.status === "failed") ? AFTER_FAILURE : "Not run.";
  const known = names.map((name) => steps.find((s) => s.name === name) ?? skippedStep(name, why));
  return [...known, ...steps.filter((s) => !names.includes(s.name))];
}

/** The git auth for a repository, or the failed first step when the credential may not (or cannot) be sent for it. */
async function authOrRefusal(
  deps: Pick<CoreDeps, "credentials">,
  run: ConnectionCheckRun,
  repository: Repository,
  first: string,
): Promise<GitAuth | CheckStep> {
  try {
    credentialServes(run.credential, repository);
    return await deps.credentials.gitAuthFor({ ...gitCredentialUse(run.credential, run.secret, run.host, repository), check: true });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const remedy = refusalRemedies[error.code] ?? "Check the repository's credential, then check again.";
    return { name: first, status: "failed", code: error.code, message: error.message, remedy };
  }
}

/** One credential's checks, ready to run batch after batch with the same session (so the kind may share work across batches). */
export interface ConnectionChecker {
  /**
   * Checks repositories of the credential with the steps of their host's kind. Returns the
   * longest prefix it could check, in order; `exhausted` when the rate budget stopped it there,
   * `unavailable` when the host failed there.
   */
  check(repositories: readonly Repository[]): Promise<CheckBatchOutcome>;
}

/**
 * The one connection-check engine: checks repositories of one credential with the steps of
 * their host's kind, batch after batch (a check on demand is a batch of one). A repository
 * the credential does not serve fails at its first step and nothing is sent for it; after a
 * failed step the remaining ones are marked skipped.
 */
export async function startConnectionChecks(
  deps: Pick<CoreDeps, "integrations" | "credentials" | "git" | "now">,
  run: ConnectionCheckRun,
): Promise<ConnectionChecker> {
  const checks = deps.integrations.get(run.host.kind).checks;
  const auths = new Map<string, GitAuth>();
  const session: CheckSession = {
    host: run.host,
    credential: run.credential,
    apiAuth: await deps.credentials.apiAuthFor({ credential: run.credential, secret: run.secret, host: run.host }),
    now: deps.now,
    limit: run.limit,
    ...(run.budget ? { budget: run.budget } : {}),
    ...(run.reportCredential ? { reportCredential: run.reportCredential } : {}),
    transport: async (repository) => {
      if (run.transportDue && !run.transportDue(repository)) return { step: skippedStep("transport", NOT_DUE), head: null };
      const lsRemote = run.probe && repository.protocol === "https" ? run.probe : deps.git;
      return run.limit(() => runTransportStep(lsRemote, run.host, repository, session.gitAuth(repository)));
    },
    gitAuth: (repository) => {
      const auth = auths.get(repository.id);
      if (!auth) throw new Error(`startConnectionChecks: ${repository.name} is not in a batch this session checks.`);
      return auth;
    },
  };
  return {
    async check(repositories) {
      const refused = new Map<string, CheckStep>();
      for (const repository of repositories) {
        const auth = await authOrRefusal(deps, run, repository, checks.steps[0] ?? "transport");
        if ("name" in auth) refused.set(repository.id, auth);
        else auths.set(repository.id, auth);
      }
      const served = repositories.filter((r) => !refused.has(r.id));
      const ran: CheckBatchOutcome = served.length > 0 ? await checks.run(session, served) : { results: [], exhausted: false };
      const { results, exhausted } = ran;
      const checked = new Map(results.map((r) => [r.repository.id, r]));
      const out: CheckedRepository[] = [];
      for (const repository of repositories) {
        const refusal = refused.get(repository.id);
        const result = refusal ? { repository, steps: [refusal], defaultBranch: null } : checked.get(repository.id);
        if (!result) break; // the budget ran out or the host failed here
        out.push({ ...result, steps: completeSteps(result.steps, checks.steps) });
      }
      return { results: out, exhausted, unavailable: ran.unavailable === true };
    },
  };
}
