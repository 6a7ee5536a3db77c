import type { Repository, RepositoryCheck } from "../../core/repositories/repository.ts";
import type { RepositoriesTable, RepositoryChecksTable } from "./database-schema.ts";
import { json, rowCodec } from "./row-codec.ts";

/** Repositories as `repositories` rows: every field as it is. */
export const repositoryRows = rowCodec<Repository, RepositoriesTable>({});

/** Checks as `repository_checks` rows: `steps` is JSON text. */
export const repositoryCheckRows = rowCodec<RepositoryCheck, RepositoryChecksTable>({ steps: json() });
