import type { Repository } from "./repository.ts";

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
  status: Repository["status"];
  reasonCode: string | null;
  message: string | null;
  remedy: string | null;
  lastCheckedAt: string | null;
  createdBy: string;
  createdAt: string;
}

/** Projects a stored repository to its public view, with its credential's name. */
export function repositoryView(r: Repository, credentialName: string | null): RepositoryView {
  return {
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
    status: r.status,
    reasonCode: r.reasonCode,
    message: r.message,
    remedy: r.remedy,
    lastCheckedAt: r.lastCheckedAt,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
  };
}
