import { checksummedBodyLength, checksummedPrefixes, fineGrainedPrefix, type GithubTokenType } from "./github-token-formats.ts";
import { tokenChecksum } from "./token-checksum.ts";

const BODY = new RegExp(`^[A-Za-z0-9]{${checksummedBodyLength}}$`);
// A fine-grained token's body has no public checksum, but its shape is distinctive.
const FINE_GRAINED_BODY = /[A-Za-z0-9]{22}_[A-Za-z0-9]{59}$/;

/** What `findDamagedPrefix` saw: a `gh?_` body whose prefix was cut short or altered. */
export type DamagedPrefix = { damage: "cut-short"; type: GithubTokenType } | { damage: "altered" };

/**
 * Recognises a value that ends with an intact, checksum-valid `gh?_` token body but does
 * not start with a known prefix: the start was lost when copying (`cut-short`) or
 * mistyped (`altered`). `undefined` when the value does not end like a token.
 */
export function findDamagedPrefix(value: string): DamagedPrefix | undefined {
  return findDamagedChecksummed(value) ?? findDamagedFineGrained(value);
}

function findDamagedFineGrained(value: string): DamagedPrefix | undefined {
  const body = FINE_GRAINED_BODY.exec(value);
  if (!body) return undefined;
  const head = value.slice(0, body.index);
  if (head === fineGrainedPrefix || head.length > fineGrainedPrefix.length + 4) return undefined;
  return fineGrainedPrefix.endsWith(head) ? { damage: "cut-short", type: "fine-grained-pat" } : { damage: "altered" };
}

function findDamagedChecksummed(value: string): DamagedPrefix | undefined {
  const body = value.slice(-checksummedBodyLength);
  if (!BODY.test(body) || tokenChecksum(body.slice(0, 30)) !== body.slice(30)) return undefined;
  const head = value.slice(0, -checksummedBodyLength);
  // A long value that merely ends like a token body is not a damaged token.
  if (head.length > 8) return undefined;
  if (head === "") return { damage: "cut-short", type: "unknown" };
  const cutFrom = Object.entries(checksummedPrefixes).find(([prefix]) => prefix.endsWith(head));
  return cutFrom === undefined ? { damage: "altered" } : { damage: "cut-short", type: cutFrom[1] };
}
