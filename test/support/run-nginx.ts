import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
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
  const nginx = spawn("nginx", ["-p", root, "-c", join(root, "nginx.conf"), "-g", "daemon off;"], { stdio: "ignore" });
  await waitForPort(port);
  return nginx;
}
