/** The token with one character of its random part changed, as a typo would: its checksum no longer matches. */
export function mistype(token: string): string {
  const at = 10;
  const replacement = token[at] === "a" ? "b" : "a";
  return `${token.slice(0, at)}${replacement}${token.slice(at + 1)}`;
}
