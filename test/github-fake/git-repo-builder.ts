import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { git } from "./git-env.ts";

/** What a new bare repository should hold. */
export interface RepoContent {
  defaultBranch: string;
  files: Record<string, string>;
  /** Extra branches, each pointing at the default branch's commit. */
  branches: string[];
}

/** Creates a bare repository at `gitDir` with one real commit and the requested branches. */
export async function buildBareRepo(home: string, gitDir: string, content: RepoContent): Promise<void> {
  await mkdir(gitDir, { recursive: true });
  await git(home, ["init", "--quiet", "--bare", `--initial-branch=${content.defaultBranch}`, "--", gitDir]);
  const work = await mkdtemp(join(home, "work-"));
  try {
    for (const [path, text] of Object.entries(content.files)) {
      await mkdir(dirname(join(work, path)), { recursive: true });
      await writeFile(join(work, path), text);
    }
    const repoArgs = [`--git-dir=${gitDir}`, `--work-tree=${work}`];
    await git(home, [...repoArgs, "add", "--all"]);
    await git(home, [...repoArgs, "commit", "--quiet", "--no-verify", "-m", "Initial commit"]);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const head = (await git(home, [`--git-dir=${gitDir}`, "rev-parse", "HEAD"])).trim();
  const updates = content.branches.map((b) => `create refs/heads/${b} ${head}\n`).join("");
  if (updates) await git(home, [`--git-dir=${gitDir}`, "update-ref", "--stdin"], { input: updates });
}

/** The branches of a bare repository with their commit ids, sorted by name like GitHub. */
export async function readBranches(home: string, gitDir: string): Promise<{ name: string; sha: string }[]> {
  const out = await git(home, [`--git-dir=${gitDir}`, "for-each-ref", "--format=%(refname:short) %(objectname)", "refs/heads"]);
  return out
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [name = "", sha = ""] = line.split(" ");
      return { name, sha };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
