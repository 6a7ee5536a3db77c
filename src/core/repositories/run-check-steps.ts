import type { Credential } from "../credentials/credential.ts";
import type { OpenedSecret } from "../credentials/open-credential-secret.ts";
import type { CoreDeps } from "../deps.ts";
import type { Host } from "../hosts/host.ts";
import { skippedStep, type CheckStep } from "./connection-report.ts";
import { gitAuthFor } from "./git-auth-for.ts";
import { permissionStep } from "../../integrations/github/permission-step.ts";
import type { Repository } from "./repository.ts";
import { runTokenStep } from "../../integrations/github/token-step.ts";
import { runTransportStep } from "./transport-step.ts";
import { runVisibilityStep } from "../../integrations/github/visibility-step.ts";

/** The steps of one check and the default branch they learned. */
export interface CheckStepsResult {
  steps: CheckStep[];
  defaultBranch: string | null;
}

const AFTER_FAILURE = "Not run: an earlier step failed.";

/**
 * Runs token → visibility → permission → transport; steps after a failed one are skipped.
 * SSH keys have no token, so only the transport step runs for them.
 */
export async function runCheckSteps(
  deps: CoreDeps,
  host: Host,
  repository: Repository,
  credential: Credential,
  secret: OpenedSecret,
): Promise<CheckStepsResult> {
  const wantsKind = repository.protocol === "ssh" ? "ssh-key" : "token";
  if (secret.kind !== wantsKind) {
    const message = `The credential "${credential.name}" holds ${secret.kind === "token" ? "a token" : "an SSH key"}, but this repository's ${repository.protocol.toUpperCase()} URL needs ${wantsKind === "token" ? "a token" : "an SSH key"}.`;
    const failed: CheckStep = {
      name: "token",
      status: "failed",
      code: "CREDENTIAL_KIND_MISMATCH",
      message,
      remedy: "Register the repository with its HTTPS URL for a token, or its SSH URL for an SSH key.",
    };
    return {
      steps: [
        failed,
        skippedStep("visibility", AFTER_FAILURE),
        skippedStep("permission", AFTER_FAILURE),
        skippedStep("transport", AFTER_FAILURE),
      ],
      defaultBranch: null,
    };
  }
  const steps: CheckStep[] = [];
  let defaultBranch: string | null = null;
  if (secret.kind === "ssh-key") {
    const noToken = "An SSH key has no token for GitHub's API; the Git transport step checks it.";
    steps.push(skippedStep("token", noToken), skippedStep("visibility", noToken), skippedStep("permission", noToken));
  } else {
    const token = await runTokenStep(deps, host, secret.token);
    steps.push(token.step);
    if (token.step.status === "failed") {
      steps.push(
        skippedStep("visibility", AFTER_FAILURE),
        skippedStep("permission", AFTER_FAILURE),
        skippedStep("transport", AFTER_FAILURE),
      );
      return { steps, defaultBranch };
    }
    if (!token.apiUsable) {
      steps.push(
        skippedStep("visibility", "Not run: GitHub's API is not available."),
        skippedStep("permission", "Not run: GitHub's API is not available."),
      );
    } else {
      const visibility = await runVisibilityStep(deps, host, secret.token, repository.owner, repository.repo);
      steps.push(visibility.step);
      if (visibility.step.status === "failed") {
        steps.push(skippedStep("permission", AFTER_FAILURE), skippedStep("transport", AFTER_FAILURE));
        return { steps, defaultBranch };
      }
      defaultBranch = visibility.info?.defaultBranch ?? null;
      steps.push(
        visibility.info
          ? permissionStep(visibility.info, repository.needs, token.login)
          : skippedStep("permission", "Not run: GitHub's API is not available."),
      );
      if (steps.at(-1)?.status === "failed") {
        steps.push(skippedStep("transport", AFTER_FAILURE));
        return { steps, defaultBranch };
      }
    }
  }
  const transport = await runTransportStep(deps, host, repository, gitAuthFor(credential, secret, host.sshKnownHosts));
  steps.push(transport.step);
  return { steps, defaultBranch: defaultBranch ?? transport.head };
}
