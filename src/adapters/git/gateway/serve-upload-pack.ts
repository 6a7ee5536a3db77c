import { spawn } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { createGunzip } from "node:zlib";
import { buildGitEnvironment } from "../git-environment.ts";
import { sanitizeGitOutput, stderrExcerpt } from "../sanitize-git-output.ts";
import type { PackCacheRun } from "./pack-objects-cache.ts";
import { relayStream } from "./relay-stream.ts";

/** A request body as git sent it, unzipped when its `Content-Encoding` says gzip (git gzips large negotiations). */
export function decodedBody(body: Readable, contentEncoding: string | null): Readable {
  if (contentEncoding !== "gzip" && contentEncoding !== "x-gzip") return body;
  const gunzip = createGunzip();
  body.on("error", (error) => gunzip.destroy(error));
  return body.pipe(gunzip);
}

/** One `git upload-pack --stateless-rpc` run against a mirror for one smart-HTTP request. */
export interface UploadPackRun {
  mirrorDir: string;
  /** Private empty HOME: nothing of the machine's config is read. */
  home: string;
  /** `info/refs`: the ref advertisement; otherwise the negotiation read from `input`. */
  advertise: boolean;
  /** The client's `Git-Protocol` header (`version=2`), passed as git's `GIT_PROTOCOL`. */
  gitProtocol: string | null;
  input: Readable | null;
  /** The request's `Content-Encoding` (git gzips large negotiations). */
  contentEncoding: string | null;
  output: Writable;
  signal: AbortSignal;
  timeoutMs: number;
  gitBinary?: string;
  /** The pack-objects cache this run generates into or serves from (negotiations only). */
  packCache?: PackCacheRun | null;
}

/** How a run ended: git's exit code (null when it was stopped), bytes written and a sanitized stderr excerpt. */
export interface UploadPackResult {
  code: number | null;
  bytes: number;
  stopped: "timeout" | "abort" | null;
  stderr: string;
}

// A mirror fetch can prune a ref between the advertisement and the negotiation (stateless HTTP:
// two requests); the caller may read the whole repository, so any object it names may be sent.
const SERVE_CONFIG = [["uploadpack.allowAnySHA1InWant", "true"]] as const;

/**
 * Runs `git upload-pack --stateless-rpc` on the mirror with the allowlisted environment and no
 * credential, streaming its output; an abort (client gone) or the time limit kills its whole
 * process group, so nothing outlives the request.
 */
export function serveUploadPack(run: UploadPackRun): Promise<UploadPackResult> {
  const env = buildGitEnvironment({
    home: run.home,
    protocols: ["file"],
    config: run.packCache ? [...SERVE_CONFIG, run.packCache.config] : SERVE_CONFIG,
    extra: { ...run.packCache?.env, ...(run.gitProtocol === null ? {} : { GIT_PROTOCOL: run.gitProtocol }) },
  });
  const args = ["upload-pack", "--stateless-rpc", ...(run.advertise ? ["--advertise-refs"] : []), "--", run.mirrorDir];
  return new Promise((resolve) => {
    const child = spawn(run.gitBinary ?? "git", args, { env, detached: true, shell: false, stdio: ["pipe", "pipe", "pipe"] });
    let stopped: UploadPackResult["stopped"] = null;
    let stderr = "";
    const stop = (why: "timeout" | "abort") => {
      stopped ??= why;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => stop("timeout"), run.timeoutMs);
    const onAbort = () => stop("abort");
    if (run.signal.aborted) onAbort();
    run.signal.addEventListener("abort", onAbort, { once: true });
    child.stdin.on("error", () => undefined);
    if (run.input === null) child.stdin.end();
    else {
      const body = decodedBody(run.input, run.contentEncoding);
      body.on("error", () => stop("abort"));
      body.pipe(child.stdin);
    }
    const copied = relayStream(child.stdout, run.output);
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 16_384) stderr += chunk.toString("utf8");
    });
    const finish = (code: number | null) => {
      clearTimeout(timer);
      run.signal.removeEventListener("abort", onAbort);
      // Every stdio stream has closed by the child's `close`: the copy has its count.
      void copied.then((bytes) => resolve({ code, bytes, stopped, stderr: stderrExcerpt(sanitizeGitOutput(stderr)) }));
    };
    child.on("error", () => finish(null));
    child.on("close", (code) => finish(stopped === null ? code : null));
  });
}
