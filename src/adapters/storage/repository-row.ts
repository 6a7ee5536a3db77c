import type { Insertable, Selectable } from "kysely";
import type { Repository, RepositoryCheck } from "../../core/repositories/repository.ts";
import type { RepositoriesTable, RepositoryChecksTable } from "./database-schema.ts";

/** Column of each repository field a patch may change. */
export const repositoryColumns = {
  name: "name",
  hostName: "host_name",
  owner: "owner",
  repo: "repo",
  url: "url",
  protocol: "protocol",
  credentialId: "credential_id",
  defaultBranch: "default_branch",
  needs: "needs",
  status: "status",
  reasonCode: "reason_code",
  message: "message",
  remedy: "remedy",
  lastCheckedAt: "last_checked_at",
} as const satisfies Record<keyof Omit<Repository, "id" | "createdAt" | "createdBy">, keyof RepositoriesTable>;

/** A `repositories` row as the Repository entity. */
export function toRepository(row: Selectable<RepositoriesTable>): Repository {
  return {
    id: row.id,
    name: row.name,
    hostName: row.host_name,
    owner: row.owner,
    repo: row.repo,
    url: row.url,
    protocol: row.protocol,
    credentialId: row.credential_id,
    defaultBranch: row.default_branch,
    needs: row.needs,
    status: row.status,
    reasonCode: row.reason_code,
    message: row.message,
    remedy: row.remedy,
    lastCheckedAt: row.last_checked_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/** A Repository entity as a `repositories` row. */
export function toRepositoryRow(repository: Repository): Insertable<RepositoriesTable> {
  const row: Insertable<RepositoriesTable> = {
    id: repository.id,
    created_by: repository.createdBy,
    created_at: repository.createdAt,
  } as Insertable<RepositoriesTable>;
  for (const [field, column] of Object.entries(repositoryColumns)) {
    (row as Record<string, unknown>)[column] = repository[field as keyof typeof repositoryColumns];
  }
  return row;
}

/** A `repository_checks` row as the RepositoryCheck entity. */
export function toRepositoryCheck(row: Selectable<RepositoryChecksTable>): RepositoryCheck {
  return {
    id: row.id,
    repositoryId: row.repository_id,
    at: row.at,
    status: row.status,
    reasonCode: row.reason_code,
    steps: JSON.parse(row.steps) as Record<string, unknown>[],
  };
}
