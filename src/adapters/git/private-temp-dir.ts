import { randomBytes } from "node:crypto";
import { chmod, lstat, mkdir, open, readdir, rm } from "node:fs/promises";
import { join } from "node:path";

/** A 0700 directory for one git operation's key, known_hosts, askpass and HOME; `dispose` removes it. */
export interface PrivateTempDir {
  path: string;
  /** An empty directory inside, used as git's HOME. */
  home: string;
  dispose(): Promise<void>;
}

const PREFIX = "op-";
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/** The folder under the work dir that holds every operation's temporary directory. */
export const tempRoot = (workDir: string): string => join(workDir, "tmp");

/** Creates `<workDir>/tmp/op-<pid>-<random>` with mode 0700 and an empty `home` inside. */
export async function createPrivateTempDir(workDir: string): Promise<PrivateTempDir> {
  const root = tempRoot(workDir);
  await mkdir(root, { recursive: true, mode: 0o700 });
  await chmod(root, 0o700);
  const path = join(root, `${PREFIX}${process.pid}-${randomBytes(8).toString("hex")}`);
  await mkdir(path, { mode: 0o700 });
  await chmod(path, 0o700);
  const home = join(path, "home");
  await mkdir(home, { mode: 0o700 });
  return { path, home, dispose: () => rm(path, { recursive: true, force: true }) };
}

/** Writes a new file that only the owner can read (0600; `mode` 0700 for scripts); fails if it exists. */
export async function writePrivateFile(path: string, content: string, mode: 0o600 | 0o700 = 0o600): Promise<void> {
  const handle = await open(path, "wx", mode);
  try {
    await handle.writeFile(content);
    await handle.chmod(mode);
  } finally {
    await handle.close();
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes temporary directories left by a killed process: those whose process is gone,
 * and any older than a day (SECURITY 12); returns how many were removed.
 */
export async function sweepLeftovers(workDir: string, now: number = Date.now()): Promise<number> {
  const root = tempRoot(workDir);
  const entries = await readdir(root).catch(() => [] as string[]);
  let removed = 0;
  for (const name of entries) {
    if (!name.startsWith(PREFIX)) continue;
    const pid = Number(name.slice(PREFIX.length).split("-")[0]);
    const stat = await lstat(join(root, name)).catch(() => null);
    if (stat === null) continue;
    const stale = !Number.isInteger(pid) || pid <= 0 || !processAlive(pid) || now - stat.mtimeMs > STALE_AFTER_MS;
    if (!stale) continue;
    await rm(join(root, name), { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}
