import type { OpenedSecret } from "../credentials/open-credential-secret.ts";
import type { GitTransport } from "../ports/git-transport.ts";
import { skippedStep, type CheckStep } from "../repositories/connection-report.ts";
import { gitAuthFor } from "../repositories/git-auth-for.ts";
import { permissionStep } from "../../integrations/github/permission-step.ts";
import type { Repository } from "../repositories/repository.ts";
import { runTransportStep } from "../repositories/transport-step.ts";
import type { CredentialTokenCheck } from "./check-credential-token.ts";
import { fetchApiFacts, type ApiFacts, type ApiFactsContext } from "../../integrations/github/fetch-api-facts.ts";
import type { TransportProbe } from "./transport-probe.ts";

/** Everything a batch check needs about its credential. */
export interface BatchContext extends ApiFactsContext {
  secret: OpenedSecret;
  /** Null for SSH keys, which have no token. */
  tokenCheck: CredentialTokenCheck | null;
  probe: TransportProbe;
  /** Whether this repository's Git transport is probed in this cycle. */
  transportDue: (repository: Repository) => boolean;
}

/** One repository's checked steps, as a manual check would have produced them. */
export interface BatchResult {
  repository: Repository;
  steps: CheckStep[];
  defaultBranch: string | null;
}

const AFTER_FAILURE = "Not run: an earlier step failed.";
const NO_API = "Not run: GitHub's API is not available.";
const skipRest = (names: CheckStep["name"][], why = AFTER_FAILURE) => names.map((n) => skippedStep(n, why));

async function transport(
  ctx: BatchContext,
  repository: Repository,
  steps: CheckStep[],
): Promise<{ steps: CheckStep[]; head: string | null }> {
  if (!ctx.transportDue(repository)) {
    return {
      steps: [...steps, skippedStep("transport", "Not run this cycle: a connected repository's Git transport is probed every few cycles.")],
      head: null,
    };
  }
  const useProbe = repository.protocol === "https";
  const git = {
    ...ctx.deps.git,
    lsRemote: useProbe ? ctx.probe.lsRemote.bind(ctx.probe) : ctx.deps.git.lsRemote.bind(ctx.deps.git),
  } as GitTransport;
  const result = await ctx.limit(() =>
    runTransportStep({ git }, ctx.host, repository, gitAuthFor(ctx.credential, ctx.secret, ctx.host.sshKnownHosts)),
  );
  return { steps: [...steps, result.step], head: result.head };
}

/** The steps before transport, or a finished list when an earlier step failed. */
function apiSteps(
  ctx: BatchContext,
  repository: Repository,
  facts: ApiFacts,
): { steps: CheckStep[]; done: boolean; branch: string | null } | null {
  const token = ctx.tokenCheck?.token;
  if (!token)
    return {
      steps: skipRest(["token", "visibility", "permission"], "An SSH key has no token for GitHub's API; the Git transport step checks it."),
      done: false,
      branch: null,
    };
  if (token.step.status === "failed")
    return { steps: [token.step, ...skipRest(["visibility", "permission", "transport"])], done: true, branch: null };
  if (!token.apiUsable) return { steps: [token.step, ...skipRest(["visibility", "permission"], NO_API)], done: false, branch: null };
  const visibility = facts.steps.get(repository.id);
  if (!visibility) return null;
  if (visibility.step.status === "failed")
    return { steps: [token.step, visibility.step, ...skipRest(["permission", "transport"])], done: true, branch: null };
  const permission = visibility.info ? permissionStep(visibility.info, repository.needs, token.login) : skippedStep("permission", NO_API);
  const branch = visibility.info?.defaultBranch || null;
  if (permission.status === "failed")
    return { steps: [token.step, visibility.step, permission, skippedStep("transport", AFTER_FAILURE)], done: true, branch };
  return { steps: [token.step, visibility.step, permission], done: false, branch };
}

/**
 * Checks a batch of one credential's repositories: the shared token step, one API request
 * for the batch (none when `fetched` holds its facts already), then each repository's Git
 * transport. Returns the longest prefix it could check; `exhausted` when the budget (or a
 * rate limit) stopped it there.
 */
export async function checkRepositoryBatch(
  ctx: BatchContext,
  repositories: Repository[],
  fetched?: ApiFacts,
): Promise<{ results: BatchResult[]; exhausted: boolean }> {
  const token = ctx.tokenCheck?.token;
  const needsApi = token !== undefined && token.step.status !== "failed" && token.apiUsable;
  const facts = needsApi ? (fetched ?? (await fetchApiFacts(ctx, repositories))) : { steps: new Map(), exhausted: false };
  const prepared: { repository: Repository; steps: CheckStep[]; done: boolean; branch: string | null }[] = [];
  for (const repository of repositories) {
    const wants = repository.protocol === "ssh" ? "ssh-key" : "token";
    // SECURITY 28 (Jenkins CVE-2022-34780): a credential is only ever sent to its own host.
    if (repository.hostName !== ctx.credential.hostName) {
      const failed: CheckStep = {
        name: "token",
        status: "failed",
        code: "CREDENTIAL_HOST_MISMATCH",
        message: `The credential "${ctx.credential.name}" is bound to ${ctx.credential.hostName}, not ${repository.hostName}; it is never sent to another host.`,
        remedy: "Register the repository with a credential of its own host.",
      };
      prepared.push({ repository, steps: [failed, ...skipRest(["visibility", "permission", "transport"])], done: true, branch: null });
      continue;
    }
    if (ctx.secret.kind !== wants) {
      const message = `The credential "${ctx.credential.name}" holds ${ctx.secret.kind === "token" ? "a token" : "an SSH key"}, but this repository's ${repository.protocol.toUpperCase()} URL needs ${wants === "token" ? "a token" : "an SSH key"}.`;
      const failed: CheckStep = {
        name: "token",
        status: "failed",
        code: "CREDENTIAL_KIND_MISMATCH",
        message,
        remedy: "Register the repository with its HTTPS URL for a token, or its SSH URL for an SSH key.",
      };
      prepared.push({ repository, steps: [failed, ...skipRest(["visibility", "permission", "transport"])], done: true, branch: null });
      continue;
    }
    const steps = apiSteps(ctx, repository, facts);
    if (steps === null) break; // no facts: the budget ran out here
    prepared.push({ repository, ...steps });
  }
  const results = await Promise.all(
    prepared.map(async (p) => {
      const { steps, head } = p.done ? { steps: p.steps, head: null } : await transport(ctx, p.repository, p.steps);
      return { repository: p.repository, steps, defaultBranch: p.branch ?? head };
    }),
  );
  return { results, exhausted: facts.exhausted };
}
