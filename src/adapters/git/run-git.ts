import { spawn } from "node:child_process";
import type { Logger } from "pino";
import { AppError, UpstreamError } from "../../core/errors.ts";
import { defaultRedactor } from "../logging/secret-redactor.ts";
import { buildGitEnvironment, type GitConfigEntry, type GitProtocol } from "./git-environment.ts";
import { sanitizeGitOutput, stderrExcerpt } from "./sanitize-git-output.ts";

/** One git invocation; `args` must already hold `--` before every URL and path. */
export interface RunGitOptions {
  args: readonly string[];
  cwd?: string;
  /** A private, empty directory used as HOME. */
  home: string;
  protocols: readonly GitProtocol[];
  config?: readonly GitConfigEntry[];
  env?: Readonly<Record<string, string>>;
  timeoutMs: number;
  signal?: AbortSignal;
  gitBinary?: string;
  logger?: Logger;
}

/** What a finished git process left: exit code, stdout, and stderr already sanitized and redacted. */
export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

const MAX_STDOUT = 64 * 1024 * 1024;
const MAX_STDERR = 256 * 1024;

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/**
 * Spawns git (never through a shell) with the allowlisted environment, in its own process
 * group so a timeout or an abort kills git and every helper it started.
 * @throws UpstreamError `GIT_TIMEOUT`, `GIT_CANCELLED` or `GIT_FAILED` (git could not start).
 * @throws AppError `GIT_ARGV_SECRET` when an argument looks like a secret (nothing is spawned).
 */
export function runGit(options: RunGitOptions): Promise<GitResult> {
  for (const arg of options.args) {
    // An SSH login (`ssh://git@host/…`) is not a secret; checkRemoteUrl already refused passwords.
    const visible = arg.replace(/^ssh:\/\/[A-Za-z0-9_][A-Za-z0-9._-]*@/, "ssh://");
    if (defaultRedactor.redact(visible) !== visible)
      throw new AppError("internal", "GIT_ARGV_SECRET", "Refused to pass a secret to git on its command line.");
  }
  if (options.signal?.aborted) return Promise.reject(new UpstreamError("GIT_CANCELLED", "The git operation was cancelled."));
  const env = buildGitEnvironment({ home: options.home, protocols: options.protocols, config: options.config, extra: options.env });
  const started = Date.now();
  const command = options.args.find((arg) => !arg.startsWith("-")) ?? "git";
  return new Promise((resolve, reject) => {
    const child = spawn(options.gitBinary ?? "git", [...options.args], {
      cwd: options.cwd,
      env,
      detached: true,
      shell: false,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    let outSize = 0;
    let err = Buffer.alloc(0);
    let ended: "timeout" | "abort" | null = null;
    const stop = (why: "timeout" | "abort") => {
      ended ??= why;
      killGroup(child.pid);
    };
    const timer = setTimeout(() => stop("timeout"), options.timeoutMs);
    const onAbort = () => stop("abort");
    options.signal?.addEventListener("abort", onAbort, { once: true });
    child.stdout.on("data", (chunk: Buffer) => {
      outSize += chunk.length;
      if (outSize <= MAX_STDOUT) out.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      err = Buffer.concat([err, chunk]);
      if (err.length > MAX_STDERR) err = err.subarray(err.length - MAX_STDERR);
    });
    const finish = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
    };
    child.on("error", (error) => {
      finish();
      reject(new UpstreamError("GIT_FAILED", "git could not be started.", { cause: new Error(sanitizeGitOutput(error.message)) }));
    });
    child.on("close", (code, signal) => {
      finish();
      const stderr = sanitizeGitOutput(err.toString("utf8"));
      const ms = Date.now() - started;
      options.logger?.debug({ command, code, signal, ms, stderr: stderrExcerpt(stderr) }, "git finished");
      if (ended === "timeout") {
        reject(new UpstreamError("GIT_TIMEOUT", `git ${command} did not finish within ${options.timeoutMs} ms and was stopped.`));
      } else if (ended === "abort") {
        reject(new UpstreamError("GIT_CANCELLED", `git ${command} was cancelled.`));
      } else {
        resolve({ code: code ?? 128, stdout: Buffer.concat(out).toString("utf8"), stderr });
      }
    });
  });
}
