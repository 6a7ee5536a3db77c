/** What a caller named a repository by: its id, `HOST:PATH`, or a bare name or path. */
export type RepositoryRef =
  { kind: "id"; id: string } | { kind: "host-path"; hostName: string; path: string } | { kind: "name-or-path"; text: string };

const idPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const hostNamePattern = /^[a-z0-9][a-z0-9.-]{0,99}$/;

/**
 * Reads a repository reference: an id, `HOST:PATH` (host names and repository names never
 * hold a `:`), or anything else as a name or path.
 * @example parseRepositoryRef("plain:acme/web.git") // { kind: "host-path", hostName: "plain", path: "acme/web" }
 */
export function parseRepositoryRef(ref: string): RepositoryRef {
  if (idPattern.test(ref)) return { kind: "id", id: ref };
  const colon = ref.indexOf(":");
  const hostName = ref.slice(0, colon).toLowerCase();
  if (colon > 0 && hostNamePattern.test(hostName)) return { kind: "host-path", hostName, path: trimPath(ref.slice(colon + 1)) };
  return { kind: "name-or-path", text: ref };
}

function trimPath(path: string): string {
  return path
    .replace(/^\/+/, "")
    .replace(/\/+$/, "")
    .replace(/\.git$/i, "");
}
