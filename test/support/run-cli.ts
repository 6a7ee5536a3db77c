import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

/** Path of the CLI as npm links it. */
export const cliPath = join(import.meta.dirname, "..", "..", "bin", "repolink.js");

/** Runs `repolink …` to completion with `stdin` piped in. */
export function runCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; stdin?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, ...options.env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.stdin ?? "");
  });
}

/**
 * Starts `repolink serve` on `port` (default 0: any free port) and waits for its URL and, with
 * `setupCode`, for the one-time setup code it prints after the URL on a fresh database.
 */
export function startServe(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { setupCode?: boolean; port?: number } = {},
): Promise<{ child: ChildProcess; url: string; setupCode: string | null; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, "serve", "--port", String(options.port ?? 0), ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 30_000);
    const onData = (d: Buffer): void => {
      output += d.toString();
      const url = /listening on (https?:\/\/\S+)\n/.exec(output)?.[1];
      const setupCode = /setup code: (\S+)\n/.exec(output)?.[1] ?? null;
      if (url && (setupCode !== null || options.setupCode !== true)) {
        clearTimeout(timer);
        resolve({ child, url, setupCode, output: () => output });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited ${String(code)}:\n${output}`));
    });
  });
}
