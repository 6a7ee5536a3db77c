import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const FILE = "serve.pid";

/**
 * Records in the data dir that this process serves it, so offline commands (`restore`) can tell it is in use.
 * @returns a function that removes the record again (only while it is still this process's)
 */
export function writeServerPidFile(dataDir: string): () => void {
  const path = join(dataDir, FILE);
  const staged = `${path}.${process.pid}`;
  writeFileSync(staged, `${process.pid}\n`, { mode: 0o600 });
  renameSync(staged, path);
  let removed = false;
  const remove = (): void => {
    if (removed) return;
    removed = true;
    if (readPid(path) === process.pid) rmSync(path, { force: true });
  };
  process.once("exit", remove);
  return remove;
}

/**
 * The id of a live process serving the data dir, or null. A record left by a server that was killed
 * (its process is gone) does not count.
 */
export function runningServerPid(dataDir: string): number | null {
  const pid = readPid(join(dataDir, FILE));
  if (pid === null || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: the process exists but belongs to another user — it is still running.
    return (error as NodeJS.ErrnoException).code === "EPERM" ? pid : null;
  }
}

function readPid(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, "utf8").trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
