import type { ApiRequest } from "../../contract/api-types.ts";
import type { RepositoryView } from "../../contract/views/repository-views.ts";
import type { ApiClient } from "./api-client.ts";
import { CliError, exitCodes } from "./cli-error.ts";

type ListQuery = NonNullable<ApiRequest<"GET /repositories">["query"]>;

/** Pages of this many make up a whole list: each answer stays small at any size. */
const WHOLE_LIST_PAGE = 1000;

/** `--limit`: 1–1000. @throws CliError `INPUT_INVALID` (exit 2) */
export function pageSize(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    throw new CliError("INPUT_INVALID", "--limit must be a whole number from 1 to 1000.", exitCodes.usage, { field: "limit" });
  }
  return n;
}

/** One page; where the next one starts goes to stderr, so that stdout stays the list. */
export async function onePage(api: ApiClient, query: ListQuery): Promise<RepositoryView[]> {
  const page = await api.call("GET /repositories", { query });
  if (page.nextCursor) {
    process.stderr.write(`Showing ${page.items.length} of ${page.total}; next page: --cursor ${page.nextCursor}\n`);
  }
  return page.items;
}

/** Every matching repository, read page by page. */
export async function everyPage(api: ApiClient, query: ListQuery, cursor?: string): Promise<RepositoryView[]> {
  const items: RepositoryView[] = [];
  let next: string | null | undefined = cursor;
  do {
    const page: { items: RepositoryView[]; nextCursor: string | null } = await api.call("GET /repositories", {
      query: { ...query, limit: WHOLE_LIST_PAGE, ...(next ? { cursor: next } : {}) },
    });
    items.push(...page.items);
    next = page.nextCursor;
  } while (next);
  return items;
}
