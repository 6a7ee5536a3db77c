import { AppError, UpstreamError } from "../../core/errors.ts";
import type { GitRemote } from "../../core/ports/git-transport.ts";
import { refAdvertisementFailure, refAdvertisementRequest } from "../../adapters/git/ref-advertisement-request.ts";

/** Whether a credential may push: a server that asks for credentials answers the receive-pack advertisement only to one that may. */
export type PushPermission = { outcome: "allowed" } | { outcome: "denied"; status: number } | { outcome: "unknown"; reason: string };

/**
 * Asks `GET <repo>/info/refs?service=git-receive-pack` with the credential and reads nothing
 * past the answer's status: 200 with the receive-pack advertisement means push is allowed, 401 or
 * 403 means it is not. SSH remotes cannot be asked without starting a push, so they are `unknown`.
 * https://git-scm.com/docs/http-protocol#_smart_service_git_receive_pack
 * @throws UpstreamError `GIT_UNREACHABLE`, `GIT_TIMEOUT`, `HOST_ADDRESS_REFUSED`
 */
export async function probePushPermission(
  fetcher: typeof fetch,
  remote: GitRemote,
  options: { timeoutMs?: number } = {},
): Promise<PushPermission> {
  if (remote.auth.kind === "ssh-key" || !/^https?:\/\//.test(remote.url))
    return { outcome: "unknown", reason: "Over SSH, the server says whether a key may push only when a push starts." };
  const request = refAdvertisementRequest(remote, "git-receive-pack");
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
  let response: Response;
  try {
    response = await fetcher(request.url, { headers: request.headers, signal: timeout });
  } catch (error) {
    if (timeout.aborted) throw new UpstreamError("GIT_TIMEOUT", "The remote did not answer in time.");
    if (error instanceof AppError) throw error;
    throw new UpstreamError("GIT_UNREACHABLE", "The remote could not be reached.");
  }
  await response.body?.cancel();
  if (response.status === 401 || response.status === 403) return { outcome: "denied", status: response.status };
  const failure = refAdvertisementFailure(response.status, response.headers.get("content-type") ?? "", "git-receive-pack");
  if (failure) return { outcome: "unknown", reason: `The server answered the push advertisement with HTTP ${response.status}.` };
  return { outcome: "allowed" };
}
