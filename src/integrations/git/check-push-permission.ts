import { AppError } from "../../core/errors.ts";
import type { GitRemote } from "../../core/ports/git-transport.ts";
import type { CheckStep } from "../../core/repositories/connection-report.ts";
import { gitRemoteFor } from "../../core/repositories/git-remote-for.ts";
import type { Repository } from "../../core/repositories/repository.ts";
import type { CheckSession } from "../../core/ports/integration.ts";
import type { PushPermission } from "./probe-push-permission.ts";

/** Asks the server whether the remote's credential may push. */
export type PushProbe = (remote: GitRemote) => Promise<PushPermission>;

const step = (status: CheckStep["status"], message: string, code: string | null = null, remedy: string | null = null): CheckStep => ({
  name: "permission",
  status,
  code,
  message,
  remedy,
});

/** The permission step: what the repository needs against what the server offers the credential, where it says. */
export async function checkPushPermission(session: CheckSession, probe: PushProbe, repository: Repository): Promise<CheckStep> {
  if (repository.needs === "pull") return step("passed", "This repository needs read access only; the transport step read it.");
  let permission: PushPermission;
  try {
    // What git itself sends: the probe carries a token over HTTPS, and says `unknown` for an SSH key.
    permission = await probe(gitRemoteFor(session.host, repository, session.gitAuth(repository)));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    permission = { outcome: "unknown", reason: error.message };
  }
  if (permission.outcome === "allowed") return step("passed", `${session.host.name} offers push to this credential.`);
  if (permission.outcome === "unknown") return step("skipped", `Not known: ${permission.reason}`);
  const who = session.credential.username ?? "the credential's account";
  const host = session.host.name;
  return step(
    "warning",
    `${host} lets the credential read ${repository.name} but refuses it push (HTTP ${permission.status}); this repository needs push.`,
    "PERMISSION_READ_ONLY",
    `Give ${who} write access to ${repository.name} on ${host}, or change what the repository needs to pull (read only).`,
  );
}
