/**
 * Builds one regex source matching any of `literals`, factored as a prefix tree so that
 * matching costs about the same for ten literals or ten thousand; longer matches win.
 */
export function literalPattern(literals: Iterable<string>): string {
  const words = [...new Set(literals)].filter((word) => word.length > 0).sort();
  return words.length === 0 ? "(?!)" : branch(words, 0, words.length, 0);
}

// words[from..to) are sorted and share their first `depth` characters.
function branch(words: readonly string[], from: number, to: number, depth: number): string {
  let start = from;
  const optional = words[start]?.length === depth;
  if (optional) start += 1;
  if (start === to) return "";
  const branches: string[] = [];
  for (let i = start; i < to; ) {
    const first = words[i] ?? "";
    let j = i + 1;
    while (j < to && words[j]?.[depth] === first[depth]) j += 1;
    const last = words[j - 1] ?? "";
    let end = depth + 1;
    while (end < first.length && end < last.length && first[end] === last[end]) end += 1;
    branches.push(escapeLiteral(first.slice(depth, end)) + branch(words, i, j, end));
    i = j;
  }
  const body = branches.length === 1 ? (branches[0] ?? "") : `(?:${branches.join("|")})`;
  return optional ? `(?:${body})?` : body;
}

function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}
