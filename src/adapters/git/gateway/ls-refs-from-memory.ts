import type { MirrorRef } from "../sync-mirror.ts";

/** The arguments of a protocol v2 `ls-refs` request. https://git-scm.com/docs/protocol-v2#_ls_refs */
export interface LsRefsRequest {
  symrefs: boolean;
  peel: boolean;
  unborn: boolean;
  prefixes: string[];
}

/** The first pkt-line of every v2 `ls-refs` request. */
export const LS_REFS_COMMAND = Buffer.from("0014command=ls-refs\n");

// Git ignores the prefixes when a client sends this many or more (ls-refs.c, TOO_MANY_PREFIXES).
const TOO_MANY_PREFIXES = 65536;
const SHA1 = /^[0-9a-f]{40}$/;

/** The pkt-lines of `body`: text without its newline, or null for a flush (0000) or delimiter (0001); null when not pkt-lines. */
function pktLines(body: Buffer): (string | null)[] | null {
  const lines: (string | null)[] = [];
  let offset = 0;
  while (offset < body.length) {
    const length = Number.parseInt(body.toString("latin1", offset, offset + 4), 16);
    if (!/^[0-9a-f]{4}$/.test(body.toString("latin1", offset, offset + 4)) || length === 2 || length === 3) return null;
    if (length < 4) {
      lines.push(null);
      offset += 4;
      continue;
    }
    if (offset + length > body.length) return null;
    lines.push(body.toString("utf8", offset + 4, offset + length).replace(/\n$/, ""));
    offset += length;
  }
  return lines;
}

/**
 * Reads a v2 `ls-refs` request whole; null for anything the gateway leaves to git itself (another
 * command, an argument or capability it does not know, another object format, more than one request).
 */
export function parseLsRefsRequest(body: Buffer): LsRefsRequest | null {
  const lines = pktLines(body);
  if (lines === null || lines.at(-1) !== null) return null;
  const delimiter = lines.indexOf(null);
  if (delimiter < 0) return null;
  const capabilities = lines.slice(0, delimiter);
  const args = lines.slice(delimiter + 1, -1);
  if (capabilities[0] !== "command=ls-refs") return null;
  const knownCapability = (line: string | null): boolean =>
    line !== null && (line.startsWith("agent=") || line.startsWith("session-id=") || line === "object-format=sha1");
  if (!capabilities.slice(1).every(knownCapability)) return null;
  const request: LsRefsRequest = { symrefs: false, peel: false, unborn: false, prefixes: [] };
  for (const arg of args) {
    if (arg === "symrefs" || arg === "peel" || arg === "unborn") request[arg] = true;
    else if (arg?.startsWith("ref-prefix ")) request.prefixes.push(arg.slice("ref-prefix ".length));
    else return null;
  }
  if (request.prefixes.length >= TOO_MANY_PREFIXES) request.prefixes = [];
  return request;
}

const pktLine = (text: string): string => `${(Buffer.byteLength(text) + 4).toString(16).padStart(4, "0")}${text}`;

/**
 * What `git upload-pack` answers to `request` for a repository whose HEAD is the symbolic ref `head`
 * and whose branches and tags are `refs` (ls-refs.c: HEAD first, born or — asked for `unborn` with
 * `symrefs` — unborn, then the refs in byte order, each kept when it starts with a prefix);
 * null when the refs are not SHA-1 ids, or a tag of a tag is to be peeled (git peels to the commit; the
 * refs know one level): the gateway then asks git.
 */
export function answerLsRefs(request: LsRefsRequest, head: string, refs: readonly MirrorRef[]): Buffer | null {
  if (!refs.every((ref) => SHA1.test(ref.sha) && (ref.peeled === null || SHA1.test(ref.peeled)))) return null;
  const wanted = (name: string) => request.prefixes.length === 0 || request.prefixes.some((prefix) => name.startsWith(prefix));
  if (request.peel && refs.some((ref) => ref.peeledIsTag && wanted(ref.name))) return null;
  const lines: string[] = [];
  const target = refs.find((ref) => ref.name === head);
  const symref = request.symrefs ? ` symref-target:${head}` : "";
  if (wanted("HEAD")) {
    if (target) lines.push(`${target.sha} HEAD${symref}${request.peel && target.peeled ? ` peeled:${target.peeled}` : ""}\n`);
    else if (request.unborn && request.symrefs) lines.push(`unborn HEAD${symref}\n`);
  }
  const sorted = [...refs].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  for (const ref of sorted)
    if (wanted(ref.name)) lines.push(`${ref.sha} ${ref.name}${request.peel && ref.peeled ? ` peeled:${ref.peeled}` : ""}\n`);
  return Buffer.from(`${lines.map(pktLine).join("")}0000`);
}
