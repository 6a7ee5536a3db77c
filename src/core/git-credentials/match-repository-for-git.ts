import type { Repository } from "../repositories/repository.ts";
import type { GitCredentialRequest } from "./parse-credential-request.ts";

function normalisePath(path: string): string {
  return path
    .replace(/^\/+/, "")
    .replace(/\/+$/, "")
    .replace(/\.git$/i, "")
    .toLowerCase();
}

/** The repository path a request names (`acme/rocket.git` → `acme/rocket`, any depth), or null without a path. */
export function repositoryPathOf(request: GitCredentialRequest): string | null {
  return request.path === null ? null : normalisePath(request.path);
}

/**
 * The registered repositories a git credential request is for. Protocol and host (with
 * port) are compared exactly, so `github.com.evil.tld`, `evilgithub.com` or
 * `github.com@evil.tld` never match `github.com` (CVE-2024-53858). With a path, only that
 * repository matches.
 */
export function matchRepositoriesForGit(request: GitCredentialRequest, repositories: Repository[]): Repository[] {
  if (request.protocol !== "https" && request.protocol !== "http") return [];
  const host = request.host.toLowerCase();
  return repositories.filter((repository) => {
    if (repository.protocol !== "https" || repository.credentialId === null) return false;
    let url: URL;
    try {
      url = new URL(repository.url);
    } catch {
      return false;
    }
    if (url.protocol !== `${request.protocol}:` || url.host.toLowerCase() !== host) return false;
    return request.path === null || normalisePath(request.path) === repository.path.toLowerCase();
  });
}
