import { join } from "node:path";
import type { Logger } from "pino";
import type { GitOperationOptions, GitRemote } from "../../core/ports/git-transport.ts";
import { checkRemoteUrl, type RemoteUrl } from "./check-remote-url.ts";
import type { GitProtocol } from "./git-environment.ts";
import type { LsRemoteResult } from "./parse-ls-remote.ts";
import { prepareGitAuth } from "./prepare-git-auth.ts";
import { createPrivateTempDir, writePrivateFile } from "./private-temp-dir.ts";
import { runGit, type GitResult } from "./run-git.ts";

/** Resolves and checks a host against the SSRF policy; returns the addresses that may be used. */
export type AddressResolver = (host: string, allowPrivateNetwork: boolean) => Promise<readonly { address: string }[]>;

/** What every operation of the git adapter shares. */
export interface GitCliContext {
  workDir: string;
  gitBinary: string;
  defaultTimeoutMs: number;
  logger?: Logger;
  resolveAddress: AddressResolver;
  /** A private empty HOME for local-only git work. */
  localHome: string;
  /** Settles when leftovers of earlier processes were swept. */
  ready: Promise<unknown>;
  /** Learns an HTTP(S) remote's refs in process; when unset, `git ls-remote` is spawned. */
  listRefs?: (remote: GitRemote, options: GitOperationOptions) => Promise<LsRemoteResult>;
}

/** One git process's extras inside a session. */
export interface RunExtras {
  cwd?: string;
  env?: Record<string, string>;
}

/** Runs git against one remote with its credential prepared; `url` is the clean URL to pass after `--`. */
export interface RemoteSession {
  remote: RemoteUrl;
  url: string;
  /** The operation's private 0700 directory, removed when the session ends. */
  tempDir: string;
  run(args: string[], extras?: RunExtras): Promise<GitResult>;
}

/** The absolute time by which an operation must end. */
export const deadlineOf = (ctx: GitCliContext, options: GitOperationOptions = {}): number =>
  Date.now() + (options.timeoutMs ?? ctx.defaultTimeoutMs);

/** Runs local-only git (mirror to working copy): the `file` transport only, no credential in the environment. */
export function runLocalGit(
  ctx: GitCliContext,
  args: string[],
  deadline: number,
  options: GitOperationOptions = {},
  extras: RunExtras = {},
): Promise<GitResult> {
  return runGit({
    args,
    home: ctx.localHome,
    protocols: ["file"],
    timeoutMs: Math.max(1, deadline - Date.now()),
    gitBinary: ctx.gitBinary,
    ...(extras.cwd ? { cwd: extras.cwd } : {}),
    ...(extras.env ? { env: extras.env } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(ctx.logger ? { logger: ctx.logger } : {}),
  });
}

/**
 * Checks the URL (before anything starts) and its address, writes the credential's
 * temporary files into a fresh 0700 directory, runs `work`, and always removes the directory.
 * @throws InputError `REPO_URL_INVALID`; UpstreamError `HOST_ADDRESS_REFUSED`; whatever `work` throws.
 */
export async function withRemoteSession<T>(
  ctx: GitCliContext,
  remote: GitRemote,
  options: GitOperationOptions,
  deadline: number,
  work: (session: RemoteSession) => Promise<T>,
): Promise<T> {
  const remoteUrl = checkRemoteUrl(remote.url, { allowHttp: remote.allowHttp === true });
  await ctx.ready;
  const addresses = await ctx.resolveAddress(remoteUrl.host, remote.allowPrivateNetwork);
  const temp = await createPrivateTempDir(ctx.workDir);
  try {
    const auth = await prepareGitAuth(remoteUrl, remote.auth, temp.path, addresses[0]?.address);
    const config = [...auth.config];
    if (remote.caBundle) {
      const caFile = join(temp.path, "ca.pem");
      await writePrivateFile(caFile, remote.caBundle);
      config.push(["http.sslCAInfo", caFile], ["http.sslVerify", "true"]);
    }
    const protocols: GitProtocol[] = remoteUrl.scheme === "http" ? ["http"] : [remoteUrl.scheme];
    const session: RemoteSession = {
      remote: remoteUrl,
      url: remoteUrl.url,
      tempDir: temp.path,
      run: (args, extras = {}) =>
        runGit({
          args,
          home: temp.home,
          protocols,
          config,
          env: { ...auth.env, ...extras.env },
          gitBinary: ctx.gitBinary,
          timeoutMs: Math.max(1, deadline - Date.now()),
          ...(extras.cwd ? { cwd: extras.cwd } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
          ...(ctx.logger ? { logger: ctx.logger } : {}),
        }),
    };
    return await work(session);
  } finally {
    await temp.dispose();
  }
}
