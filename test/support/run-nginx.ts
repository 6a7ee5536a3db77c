import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { waitForPort } from "./via-proxy.ts";
import { join } from "node:path";

/** A file of deploy/, as the README tells operators to use it. */
export const deployFile = (name: string): string => readFileSync(join(import.meta.dirname, "..", "..", "deploy", name), "utf8");

/** The reason to skip a test that needs Debian's nginx, or false when it is installed. */
export function nginxMissing(): string | false {
  try {
    execFileSync("nginx", ["-v"], { stdio: "ignore" });
    return false;
  } catch {
    return "nginx is not installed (apt-get install nginx)";
  }
}

/**
 * Runs nginx in the foreground with `site` (server and upstream blocks) as its only
 * configuration, everything it writes kept in `root` (its error log: `root/error.log`).
 * The master leads a process group of its own, which its workers share: stop it with `stopNginx`.
 */
export async function startNginx(root: string, site: string, port: number): Promise<ChildProcess> {
  writeFileSync(join(root, "repolink.conf"), site);
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `${kind}_temp_path ${join(root, kind)};`).join(" ");
  const user = process.getuid?.() === 0 ? "user root;" : "";
  writeFileSync(
    join(root, "nginx.conf"),
    `${user} worker_processes 1; error_log ${join(root, "error.log")}; pid ${join(root, "nginx.pid")};\n` +
      `events {}\nhttp { access_log off; ${temp} include ${join(root, "repolink.conf")}; }\n`,
  );
  const nginx = spawn("nginx", ["-p", root, "-c", join(root, "nginx.conf"), "-g", "daemon off;"], { stdio: "ignore", detached: true });
  await waitForPort(port);
  return nginx;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The live (not zombie) processes of process group `group`, read from /proc. */
export function processesOfGroup(group: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so read after its last ")".
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(pgrp) === group && state !== "Z") pids.push(Number(entry));
  }
  return pids;
}

async function groupGone(group: number, deadlineMs: number): Promise<boolean> {
  const end = Date.now() + deadlineMs;
  while (processesOfGroup(group).length > 0) {
    if (Date.now() > end) return false;
    await sleep(100);
  }
  return true;
}

/**
 * Stops an nginx of `startNginx` and every worker it started: a graceful quit (SIGQUIT: workers
 * finish their requests), waiting for the master to exit; then, as a last resort, or when the
 * master died before (its workers orphaned), SIGKILL to the whole process group.
 * @throws Error when a process of the group outlives the SIGKILL too
 */
export async function stopNginx(nginx: ChildProcess): Promise<void> {
  const group = nginx.pid;
  if (group === undefined) return;
  const signal = (name: NodeJS.Signals, target: number) => {
    try {
      process.kill(target, name);
    } catch {
      // gone already
    }
  };
  if (nginx.exitCode === null && nginx.signalCode === null) {
    const exited = new Promise((resolve) => nginx.once("exit", resolve));
    signal("SIGQUIT", group);
    await Promise.race([exited, sleep(15_000)]);
  }
  if (await groupGone(group, 1_000)) return;
  signal("SIGKILL", -group);
  if (!(await groupGone(group, 15_000))) throw new Error(`nginx processes ${processesOfGroup(group).join(", ")} survived SIGKILL`);
}
