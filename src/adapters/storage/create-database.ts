import { CamelCasePlugin, type Dialect, Kysely } from "kysely";
import type { DatabaseSchema } from "./database-schema.ts";

/**
 * Repolink's database over `dialect`: code names fields in camelCase, the columns stay
 * snake_case, and CamelCasePlugin maps one to the other in every query and result.
 */
export function createDatabase(dialect: Dialect): Kysely<DatabaseSchema> {
  return new Kysely<DatabaseSchema>({ dialect, plugins: [new CamelCasePlugin()] });
}
