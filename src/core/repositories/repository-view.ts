import type { CredentialChoice } from "../credentials/credential-for-use.ts";
import type { DayStatus } from "./daily-statuses.ts";
import type { Repository } from "./repository.ts";

/** Which credential serves the viewer's own use, and why (the one rule: mapping, repository, template). */
export interface ServedBy {
  credential: string;
  source: CredentialChoice["source"];
  prefix: string | null;
}

/** What the API, CLI and UI show of a repository. */
export interface RepositoryView {
  id: string;
  name: string;
  host: string;
  /** Its path on the host (`owner/name` on GitHub, any depth elsewhere); `host:path` names it exactly. */
  path: string;
  owner: string;
  repo: string;
  url: string;
  protocol: Repository["protocol"];
  credential: string | null;
  needs: Repository["needs"];
  defaultBranch: string | null;
  /** The host's default branch at the last check; differs from `defaultBranch` when it changed there or another was chosen. */
  hostDefaultBranch: string | null;
  /** Where the last check found the repository after a rename or transfer; `repo update R --follow-move` adopts it. */
  movedTo: { path: string; url: string } | null;
  status: Repository["status"];
  reasonCode: string | null;
  message: string | null;
  remedy: string | null;
  lastCheckedAt: string | null;
  createdBy: string;
  createdAt: string;
  /** For the viewer, when asked about one repository: the credential that serves their use; null when none does. */
  servedBy?: ServedBy | null;
  /** Its last 30 days, oldest first, when asked for. */
  statusByDay?: DayStatus[];
}

/** Projects a stored repository to its public view, with its credential's name (and, given, what serves the viewer). */
export function repositoryView(r: Repository, credentialName: string | null, choice?: CredentialChoice | null): RepositoryView {
  return {
    ...(choice === undefined
      ? {}
      : { servedBy: choice && { credential: choice.credential.name, source: choice.source, prefix: choice.prefix } }),
    id: r.id,
    name: r.name,
    host: r.hostName,
    path: r.path,
    owner: r.owner,
    repo: r.repo,
    url: r.url,
    protocol: r.protocol,
    credential: credentialName,
    needs: r.needs,
    defaultBranch: r.defaultBranch,
    hostDefaultBranch: r.hostDefaultBranch,
    movedTo: r.movedToPath !== null && r.movedToUrl !== null ? { path: r.movedToPath, url: r.movedToUrl } : null,
    status: r.status,
    reasonCode: r.reasonCode,
    message: r.message,
    remedy: r.remedy,
    lastCheckedAt: r.lastCheckedAt,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
  };
}
