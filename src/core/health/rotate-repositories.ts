import type { Repository } from "../repositories/repository.ts";

/**
 * The repositories a pass still has to check: by id, starting after `startAfter` and
 * wrapping around to it, minus those up to `cursor` (the last one stored). Ids that
 * vanished meanwhile are placed by comparison, so a deletion never loses the place.
 */
export function remainingRepositories(repositories: Repository[], startAfter: string | null, cursor: string | null): Repository[] {
  const key = (id: string): [number, string] => [startAfter !== null && id <= startAfter ? 1 : 0, id];
  const before = (a: [number, string], b: [number, string]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  const ordered = [...repositories].sort((a, b) => (before(key(a.id), key(b.id)) ? -1 : before(key(b.id), key(a.id)) ? 1 : 0));
  if (cursor === null) return ordered;
  const done = key(cursor);
  return ordered.filter((r) => before(done, key(r.id)));
}
