import type { GitTransport } from "../ports/git-transport.ts";

/**
 * Checks a remote's Git transport the cheap way: one smart-HTTP ref advertisement request
 * carrying the credential, no git process. Same result and `GIT_*` errors as `lsRemote`.
 */
export type TransportProbe = Pick<GitTransport, "lsRemote">;
