import type { Repository, RepositoryCheck } from "../../core/repositories/repository.ts";
import { splitRepositoryPath } from "../../core/repositories/repository-path.ts";
import type { RepositoriesTable, RepositoryChecksTable } from "./database-schema.ts";
import { json, type RowCodec, rowCodec } from "./row-codec.ts";

const sameFields = rowCodec<Omit<Repository, "owner" | "repo">, RepositoriesTable>({});

/** Repositories as `repositories` rows: only the path is stored; `owner` and `repo` are read from it. */
export const repositoryRows: RowCodec<Repository, RepositoriesTable> = {
  read: (row) => ({ ...sameFields.read(row), ...splitRepositoryPath(row.path) }),
  write: (fields) => {
    const { owner: _owner, repo: _repo, ...stored } = fields;
    return sameFields.write(stored) as never;
  },
};

/** Checks as `repository_checks` rows: `steps` is JSON text. */
export const repositoryCheckRows = rowCodec<RepositoryCheck, RepositoryChecksTable>({ steps: json() });
