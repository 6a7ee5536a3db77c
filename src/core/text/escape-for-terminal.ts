import { unsafeCharacter } from "./has-unsafe-characters.ts";

const UNSAFE = new RegExp(unsafeCharacter.source, "g");

function visible(character: string): string {
  const code = character.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * Shows text on a terminal as written: every character that a terminal or a reader would act
 * on instead of showing is printed as a visible escape (`ESC` → `\x1b`, U+202E → `\u202e`).
 * With `keepLineBreaks`, `\n` stays a line break (for whole messages whose lines are Repolink's own).
 * @example escapeForTerminal("admin\u001b[2K") // "admin\\x1b[2K"
 */
export function escapeForTerminal(text: string, options: { keepLineBreaks?: boolean } = {}): string {
  return text.replace(UNSAFE, (character) => (options.keepLineBreaks === true && character === "\n" ? character : visible(character)));
}
