import { AppError } from "../errors.ts";
import type { TransportProbe } from "../health/transport-probe.ts";
import type { Host } from "../hosts/host.ts";
import type { GitAuth } from "../ports/git-transport.ts";
import type { CheckStep } from "./connection-report.ts";
import { gitRemoteFor } from "./git-remote-for.ts";
import type { Repository } from "./repository.ts";

/** What `git ls-remote` showed: the step, and the branch HEAD points at. */
export interface TransportStepResult {
  step: CheckStep;
  head: string | null;
}

const remedies: Record<string, string> = {
  GIT_AUTH_FAILED:
    "The host refused the credential for Git. For a token, check it is current and has the `repo` scope (or Contents access); " +
    "for an SSH key, add its public key to GitHub. Then update the credential.",
  GIT_REPO_NOT_FOUND: "Git cannot find the repository with this credential: check the URL and that the credential may read it.",
  GIT_UNREACHABLE: "Check the host's URL, the network and (for GitHub Enterprise Server) its CA bundle; then check again.",
  GIT_TIMEOUT: "The host did not answer in time; check the network, then check again.",
};

/** Runs `git ls-remote` (or the same request as a smart-HTTP probe) with the credential, exactly as a checkout would authenticate. */
export async function runTransportStep(
  transport: TransportProbe,
  host: Host,
  repository: Repository,
  auth: GitAuth,
): Promise<TransportStepResult> {
  try {
    const { refs, head } = await transport.lsRemote(gitRemoteFor(host, repository, auth), { timeoutMs: 30_000 });
    const headBranch = head?.replace(/^refs\/heads\//, "") ?? null;
    const branch = repository.defaultBranch;
    if (branch !== null && refs.length > 0 && !refs.some((r) => r.name === `refs/heads/${branch}`)) {
      return {
        step: {
          name: "transport",
          status: "warning",
          code: "BRANCH_NOT_FOUND",
          message: `Git works, but the branch "${branch}" does not exist in ${repository.owner}/${repository.repo}.`,
          remedy: "Create the branch, or register the repository with an existing --branch.",
        },
        head: headBranch,
      };
    }
    const over = auth.kind === "ssh-key" ? "SSH" : repository.url.startsWith("http:") ? "HTTP" : "HTTPS";
    return {
      step: {
        name: "transport",
        status: "passed",
        code: null,
        message: `git ls-remote over ${over} works: ${refs.length} refs${headBranch ? `, HEAD is ${headBranch}` : ""}.`,
        remedy: null,
      },
      head: headBranch,
    };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return {
      step: {
        name: "transport",
        status: "failed",
        code: error.code,
        message: error.message,
        remedy: remedies[error.code] ?? "Check the credential and the repository URL, then check again.",
      },
      head: null,
    };
  }
}
