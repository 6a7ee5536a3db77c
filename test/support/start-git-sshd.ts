import { readFileSync } from "node:fs";
import { chmod, writeFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { join } from "node:path";
import { makeKeyPair, startTestSshd, type TestSshd } from "../git/start-test-sshd.ts";

/** A key the Git sshd accepts, and whether it may push. */
export interface GitSshKey {
  privateKey: string;
  publicKey: string;
}

/** A plain Git server over SSH: a real sshd whose keys may only run git-upload-pack / git-receive-pack under `root`. */
export interface GitSshd extends TestSshd {
  /** `ssh://<user>@127.0.0.1:<port>/<path>.git`. */
  urlOf(path: string): string;
  keys: { writer: GitSshKey; reader: GitSshKey; stranger: GitSshKey };
  /** Git commands the server ran for accepted keys so far. */
  sessions(): number;
}

/**
 * The forced command of every key, as Gitea or gitolite install one: only the two Git services,
 * repository paths inside `root` (the leading `/` of an `ssh://` path is dropped), push only when allowed.
 */
function forcedCommand(root: string, mayPush: boolean, log: string): string {
  return [
    "#!/bin/sh",
    `echo "$SSH_ORIGINAL_COMMAND" >> '${log}'`,
    "set -- $SSH_ORIGINAL_COMMAND",
    'verb=$1; path=$(printf %s "$2" | tr -d "\'" | sed "s#^/##")',
    'case "$path" in ""|*..*|/*) echo "repository path refused" >&2; exit 1;; esac',
    'case "$verb" in',
    "  git-upload-pack) ;;",
    `  git-receive-pack) ${mayPush ? ":" : 'echo "this key may not push" >&2; exit 1'} ;;`,
    '  *) echo "only git is served" >&2; exit 1;;',
    "esac",
    `exec git "\${verb#git-}" "${root}/$path"`,
    "",
  ].join("\n");
}

/** Starts sshd serving the bare repositories under `root` to a writer key and a read-only key; a third key is unknown to it. */
export async function startGitSshd(dir: string, root: string): Promise<GitSshd> {
  const keys = {
    writer: await makeKeyPair(dir, "git-writer"),
    reader: await makeKeyPair(dir, "git-reader"),
    stranger: await makeKeyPair(dir, "git-stranger"),
  };
  const scripts = { writer: join(dir, "git-serve-write"), reader: join(dir, "git-serve-read") };
  const log = join(dir, "git-sessions.log");
  await writeFile(log, "");
  await writeFile(scripts.writer, forcedCommand(root, true, log));
  await writeFile(scripts.reader, forcedCommand(root, false, log));
  await Promise.all([chmod(scripts.writer, 0o755), chmod(scripts.reader, 0o755)]);
  const restricted = (script: string, publicKey: string): string => `command="${script}",restrict ${publicKey}`;
  const sshd = await startTestSshd(dir, [
    restricted(scripts.writer, keys.writer.publicKey),
    restricted(scripts.reader, keys.reader.publicKey),
  ]);
  const user = userInfo().username;
  return {
    ...sshd,
    keys,
    urlOf: (path) => `ssh://${user}@127.0.0.1:${sshd.port}/${path}.git`,
    sessions: () => readFileSync(log, "utf8").split("\n").filter(Boolean).length,
  };
}
