/** True when a patch changes nothing: every field is absent or undefined (Kysely leaves undefined out). */
export function isEmpty(patch: object): boolean {
  return Object.values(patch).every((value) => value === undefined);
}
