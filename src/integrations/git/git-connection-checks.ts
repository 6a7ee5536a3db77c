import type { CheckStep } from "../../core/repositories/connection-report.ts";
import type { Repository } from "../../core/repositories/repository.ts";
import type { CheckedRepository, CheckSession, ConnectionChecks } from "../../core/ports/integration.ts";
import { checkPushPermission, type PushProbe } from "./check-push-permission.ts";

/** What `session.transport` says when the server turned the credential away. */
const REFUSED = "GIT_AUTH_FAILED";

function refusedRemedy(session: CheckSession): string {
  const update = `repolink credential update ${session.credential.name}`;
  if (session.credential.kind === "ssh-key")
    return (
      `Add the key's public key to the account on ${session.host.name} (or as a deploy key of the repository), ` +
      `or update the credential: \`${update} --key-file FILE\`.`
    );
  return (
    "The password or token was changed, revoked or has expired, or the username is wrong. " +
    `Update it with \`${update} --secret-stdin\` (and --username if it changed), then check again.`
  );
}

/** The credential step, read off the transport step: a generic Git server has no API to ask, only Git's own answer. */
function credentialStep(session: CheckSession, transport: CheckStep): CheckStep {
  if (transport.status === "failed" && transport.code === REFUSED)
    return {
      name: "credential",
      status: "failed",
      code: "GIT_CREDENTIAL_REFUSED",
      message: `${session.host.name} refused the credential "${session.credential.name}".`,
      remedy: refusedRemedy(session),
    };
  if (transport.status === "skipped") return { ...transport, name: "credential" };
  if (transport.status === "failed")
    return {
      name: "credential",
      status: "skipped",
      code: null,
      message: "Not known: Git did not get as far as the server's answer to the credential.",
      remedy: null,
    };
  const what = session.credential.kind === "ssh-key" ? "SSH key" : `username ${session.credential.username ?? "?"} and password`;
  return { name: "credential", status: "passed", code: null, message: `${session.host.name} accepted the ${what}.`, remedy: null };
}

async function checkOne(session: CheckSession, push: PushProbe, repository: Repository): Promise<CheckedRepository> {
  const transport = await session.transport(repository);
  const credential = credentialStep(session, transport.step);
  // Refused is the credential's failure; the transport step would only say it again with a GitHub-worded remedy.
  if (credential.status === "failed") return { repository, steps: [credential], defaultBranch: null };
  const steps = [credential, transport.step];
  if (transport.step.status === "passed" || transport.step.status === "warning")
    steps.push(await session.limit(() => checkPushPermission(session, push, repository)));
  return { repository, steps, defaultBranch: transport.head };
}

/**
 * A generic Git host's connection check: the credential is accepted and the transport works
 * (one ref advertisement with the credential), then push permission where the server can
 * tell (the receive-pack advertisement over HTTPS). No API, so no rate budget is spent.
 */
export function gitConnectionChecks(push: PushProbe): ConnectionChecks {
  return {
    steps: ["credential", "transport", "permission"],
    async run(session, repositories) {
      const results = await Promise.all(repositories.map((repository) => checkOne(session, push, repository)));
      return { results, exhausted: false };
    },
  };
}
