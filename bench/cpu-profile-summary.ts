import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame lives: an npm package, a Repolink source file, or Node itself. */
function place(url: string): string {
  if (url === "") return "(native/VM)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  const src = /\/work\/[^/]+\/((?:src|bench|test)\/.*)$/.exec(url) ?? /((?:src|bench|test)\/[^/].*)$/.exec(url);
  if (src) return src[1] as string;
  return url.startsWith("node:") ? url : "(other)";
}

const label = (node: ProfileNode): string =>
  `${node.callFrame.functionName || "(anonymous)"} ${place(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;

/**
 * Summarises a V8 .cpuprofile: self time by function and by place, and time with each of
 * `watch` (function names) anywhere on the stack. Returns printable lines.
 */
export function summarizeCpuProfile(file: string, watch: string[], top = 25): string[] {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfByFunction = new Map<string, number>();
  const selfByPlace = new Map<string, number>();
  const onStack = new Map<string, number>();
  const placeOnStack = new Map<string, number>();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    total += dt;
    if (node.callFrame.functionName === "(idle)") return void (idle += dt);
    const add = (map: Map<string, number>, key: string): void => void map.set(key, (map.get(key) ?? 0) + dt);
    add(selfByFunction, label(node));
    // A native leaf (e.g. better-sqlite3's Statement) counts for the nearest caller with a source.
    let owner: ProfileNode | undefined = node;
    while (owner && owner.callFrame.url === "" && parent.has(owner.id)) owner = byId.get(parent.get(owner.id) as number);
    add(selfByPlace, owner && owner.callFrame.url !== "" ? place(owner.callFrame.url) : label(node));
    const seen = new Set<string>();
    const places = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const url = byId.get(at)?.callFrame.url ?? "";
      if (url !== "") places.add(place(url));
      const name = byId.get(at)?.callFrame.functionName ?? "";
      if (!watch.includes(name) || seen.has(name)) continue;
      seen.add(name);
      add(onStack, name);
    }
    for (const p of places) add(placeOnStack, p);
  });
  const busy = total - idle;
  const pct = (ms: number): string => `${((ms / busy) * 100).toFixed(1).padStart(5)}%`;
  const sorted = (map: Map<string, number>): [string, number][] => [...map].sort((a, b) => b[1] - a[1]);
  return [
    `profile ${Math.round(total)} ms, busy ${Math.round(busy)} ms (${((busy / total) * 100).toFixed(0)}%); shares below are of busy time`,
    "-- self time by place (native code counted for its caller) --",
    ...sorted(selfByPlace)
      .slice(0, top)
      .map(([k, ms]) => `${pct(ms)}  ${k}`),
    "-- self time by function --",
    ...sorted(selfByFunction)
      .slice(0, top)
      .map(([k, ms]) => `${pct(ms)}  ${k}`),
    "-- place anywhere on the stack (inclusive, synchronous parts) --",
    ...sorted(placeOnStack)
      .slice(0, top)
      .map(([k, ms]) => `${pct(ms)}  ${k}`),
    "-- function anywhere on the stack (inclusive, synchronous parts) --",
    ...watch.map((name) => `${pct(onStack.get(name) ?? 0)}  ${name}`),
  ];
}
