import { BlockList, isIP } from "node:net";
import { InputError } from "../core/errors.ts";

/**
 * Splits REPOLINK_TRUSTED_PROXIES (addresses and CIDRs, separated by commas or spaces) and
 * checks each entry.
 * @throws InputError `TRUSTED_PROXIES_INVALID` (field `REPOLINK_TRUSTED_PROXIES`) naming the bad entry
 */
export function parseTrustedProxies(value: string | undefined): string[] {
  const entries = (value ?? "").split(/[\s,]+/).filter(Boolean);
  for (const entry of entries) toBlockList([entry]);
  return entries;
}

/** The entries as a BlockList to test addresses against; entries are already checked by parseTrustedProxies. */
export function toBlockList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const match = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(entry);
    const address = match?.[1] ?? "";
    const family = isIP(address);
    const max = family === 6 ? 128 : 32;
    const bits = match?.[2] === undefined ? max : Number(match[2]);
    if (family === 0 || bits > max) {
      throw new InputError(
        "TRUSTED_PROXIES_INVALID",
        `REPOLINK_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR (e.g. 10.0.0.5, 10.0.0.0/8, ::1).`,
        "REPOLINK_TRUSTED_PROXIES",
      );
    }
    list.addSubnet(address, bits, family === 6 ? "ipv6" : "ipv4");
  }
  return list;
}
