import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);

/** A PostgreSQL server of the test's own, in a temporary directory, that the test may stop and start. */
export interface ThrowawayPostgres {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

function binDir(): string {
  const root = "/usr/lib/postgresql";
  const version = existsSync(root) ? readdirSync(root).sort().at(-1) : undefined;
  const dir = version === undefined ? "" : join(root, version, "bin");
  if (!existsSync(join(dir, "initdb")))
    throw new Error(
      "initdb was not found under /usr/lib/postgresql/*/bin: install Debian's postgresql, or set REPOLINK_TEST_SKIP_POSTGRES=1",
    );
  return dir;
}

/**
 * initdb + pg_ctl as the `postgres` user (PostgreSQL refuses to run as root). PostgreSQL cannot
 * bind port 0 and tell, so a random port is tried and another one taken when it is in use.
 */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), "repolink-pg-"));
  const { uid, gid } = await exec("id", ["-u", "postgres"]).then(async (u) => ({
    uid: Number(u.stdout),
    gid: Number((await exec("id", ["-g", "postgres"])).stdout),
  }));
  chownSync(dir, uid, gid);
  const data = join(dir, "data");
  const asPostgres = (tool: string, args: string[]) => exec("runuser", ["-u", "postgres", "--", join(bin, tool), ...args], { cwd: dir });
  await asPostgres("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  let port = 0;
  const start = async (): Promise<void> => {
    await asPostgres("pg_ctl", [
      "-D",
      data,
      "-w",
      "-t",
      "30",
      "-l",
      join(dir, "server.log"),
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      "start",
    ]);
  };
  for (let attempt = 0; ; attempt++) {
    port = 20_000 + Math.floor(Math.random() * 30_000);
    try {
      await start();
      break;
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await asPostgres("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    },
    start,
    destroy: async () => {
      await asPostgres("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
