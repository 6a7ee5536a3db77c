// C0 and C1 controls, DEL, bidirectional overrides and isolates, and lone surrogates.
/** One character that acts instead of showing (see hasControlCharacters); the one definition of it. */
// eslint-disable-next-line no-control-regex -- matching control characters is this file's job
export const unsafeCharacter = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * True when `text` holds a character that acts instead of showing: a C0 or C1 control (NUL, CR,
 * LF, tab, ESC, CSI…), DEL, a bidi override or isolate (U+202E…) or a lone surrogate. Names and
 * values that Repolink stores and later prints are refused with these.
 */
export function hasControlCharacters(text: string): boolean {
  return unsafeCharacter.test(text);
}
