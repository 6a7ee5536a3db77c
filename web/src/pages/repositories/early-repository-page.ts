import { call } from "../../api/api-client.ts";
import type { RepositoryPageView } from "../../../../src/contract/views/repository-views.ts";
import { apiListQuery, readListQuery } from "./repository-list-query.ts";

let early: { search: string; page: Promise<RepositoryPageView>; arrived?: RepositoryPageView } | null = null;

/**
 * Opened straight on the Repositories page, its first page of rows is asked for as the script starts, alongside the
 * session check instead of after it: navigation to painted rows waits for one round trip, not three.
 */
export function requestRepositoryPageEarly(): void {
  const { pathname, search } = window.location;
  if (!/^\/repositories\/?$/.test(pathname)) return;
  const page = call("GET /repositories", { query: apiListQuery(readListQuery(search), null) });
  page.catch(() => undefined); // signed out: the page asks again once it is shown
  const asked: NonNullable<typeof early> = { search, page };
  void page.then((answer) => (asked.arrived = answer)).catch(() => undefined);
  early = asked;
}

/**
 * The first page asked for early when it was for `search` and has already arrived (once): the page then renders its
 * rows with its heading, in one render instead of two.
 */
export function arrivedRepositoryPage(search: string): RepositoryPageView | undefined {
  if (!early?.arrived || early.search !== search) return undefined;
  const { arrived } = early;
  early = null;
  return arrived;
}

/** The first page asked for early when it was for `search` (once); otherwise a fresh request for it. */
export function firstRepositoryPage(search: string, ask: () => Promise<RepositoryPageView>): Promise<RepositoryPageView> {
  const taken = early;
  early = null;
  return taken && taken.search === search ? taken.page.catch(ask) : ask();
}
