/** A row count as a number, whether the driver gave a bigint (Kysely, pg) or a string (pg `count(*)`). */
export function toCount(value: bigint | number | string | undefined): number {
  return value === undefined ? 0 : Number(value);
}
