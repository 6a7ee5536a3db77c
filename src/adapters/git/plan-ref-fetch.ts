/** A ref by name and object id. */
export interface NamedRef {
  name: string;
  sha: string;
}

/** What a fetch must bring: nothing, just these refs, or everything (with pruning). */
export type RefFetchPlan = { kind: "none" } | { kind: "some"; names: string[] } | { kind: "all" };

/**
 * Compares the refs a repository should have with those it has. Fetching only the changed
 * refs keeps an update to one branch of a repository with thousands of refs to one small
 * negotiation; a deleted ref (to prune) or many changes fall back to fetching everything.
 */
export function planRefFetch(wanted: readonly NamedRef[], current: readonly NamedRef[], limit = 64): RefFetchPlan {
  const have = new Map(current.map((ref) => [ref.name, ref.sha]));
  const wantedNames = new Set(wanted.map((ref) => ref.name));
  if (current.some((ref) => !wantedNames.has(ref.name))) return { kind: "all" };
  const names = wanted.filter((ref) => have.get(ref.name) !== ref.sha).map((ref) => ref.name);
  if (names.length === 0) return { kind: "none" };
  return names.length > limit ? { kind: "all" } : { kind: "some", names };
}
