import type { GitRef } from "../../core/ports/git-transport.ts";

/** The refs and symbolic HEAD of a remote. */
export interface LsRemoteResult {
  refs: GitRef[];
  /** The ref HEAD points to (`refs/heads/main`), or null when the remote did not say. */
  head: string | null;
}

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * Parses `git ls-remote --symref` output: `ref: <target>\tHEAD` and `<sha>\t<name>` lines;
 * HEAD and peeled tag lines (`^{}`) are left out of `refs`.
 */
export function parseLsRemote(stdout: string): LsRemoteResult {
  const refs: GitRef[] = [];
  let head: string | null = null;
  for (const line of stdout.split("\n")) {
    const [left = "", name = ""] = line.split("\t");
    if (left.startsWith("ref: ")) {
      if (name === "HEAD") head = left.slice("ref: ".length);
      continue;
    }
    if (!SHA.test(left) || name === "" || name === "HEAD" || name.endsWith("^{}")) continue;
    refs.push({ name, sha: left });
  }
  return { refs, head };
}
