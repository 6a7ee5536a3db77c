/** One character that acts instead of showing: C0 and C1 controls, DEL, bidi overrides and isolates, a lone surrogate. */
export const unsafeCharacter =
  // eslint-disable-next-line no-control-regex -- matching control characters is this file's job
  /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * True when `text` holds a character that acts instead of showing (ESC, CSI, CR, U+202E…):
 * names and values Repolink stores and later shows are refused with one, and whatever
 * reaches a terminal is escaped (`escapeForTerminal`).
 */
export function hasUnsafeCharacters(text: string): boolean {
  return unsafeCharacter.test(text);
}
