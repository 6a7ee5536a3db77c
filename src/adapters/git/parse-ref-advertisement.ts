import { UpstreamError } from "../../core/errors.ts";
import type { GitRef } from "../../core/ports/git-transport.ts";

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * Parses a smart-HTTP ref advertisement (`info/refs?service=git-upload-pack`, protocol v0/v1):
 * pkt-lines of `<sha> <ref>`, the first carrying capabilities such as `symref=HEAD:refs/heads/main`.
 * https://git-scm.com/docs/http-protocol#_smart_clients
 * @throws UpstreamError `GIT_UNEXPECTED_RESPONSE` when the body is not pkt-lines
 */
export function parseRefAdvertisement(body: Buffer): { refs: GitRef[]; head: string | null } {
  const refs: GitRef[] = [];
  let head: string | null = null;
  let offset = 0;
  while (offset + 4 <= body.length) {
    const length = Number.parseInt(body.toString("latin1", offset, offset + 4), 16);
    if (!Number.isFinite(length))
      throw new UpstreamError("GIT_UNEXPECTED_RESPONSE", "The remote's ref advertisement is not in pkt-line format.");
    if (length < 4) {
      offset += 4; // flush-pkt (0000) or delim
      continue;
    }
    const line = body.toString("utf8", offset + 4, offset + length).replace(/\n$/, "");
    offset += length;
    if (line.startsWith("#")) continue;
    const [refPart = "", capabilities = ""] = line.split("\0");
    const [sha = "", name = ""] = refPart.split(" ");
    const symref = /(?:^| )symref=HEAD:(\S+)/.exec(capabilities);
    if (symref) head = symref[1] ?? null;
    if (!SHA.test(sha) || name === "" || name === "HEAD" || name === "capabilities^{}" || name.endsWith("^{}")) continue;
    refs.push({ name, sha });
  }
  return { refs, head };
}
