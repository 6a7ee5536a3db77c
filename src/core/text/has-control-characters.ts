/**
 * True when `text` holds a C0 control character (NUL, CR, LF, tab, …) or DEL:
 * what breaks a line-based protocol such as git's credential helper.
 */
export function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
