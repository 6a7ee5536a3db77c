/** Commander's collector for a repeatable option (`--repository a --repository b`). */
export function collectOption(value: string, previous: string[]): string[] {
  return [...previous, value];
}
