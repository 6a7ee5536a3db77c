import type { Actor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { CoreDeps } from "../deps.ts";
import type { GatewayAccess } from "./gateway-access.ts";

/** One gateway operation as the audit log keeps it: who, which repository, read or push, bytes, and where the data came from. */
export interface GatewayUse {
  /** `host/path` of the repository (or of the path asked for, when it was refused). */
  target: string;
  repositoryId: string | null;
  access: GatewayAccess;
  /** Bytes sent to the caller (read) or received from it (push). */
  bytes: number;
  /** `cache`: served from the mirror with no upstream fetch; `upstream`: the mirror fetched, or a push relayed. */
  source: "cache" | "upstream" | null;
  outcome: "success" | "failure" | "denied";
  /** A secret-free error code when it did not succeed. */
  code?: string;
}

/** Appends the audit event of one gateway operation (`gateway.read` or `gateway.push`). */
export async function recordGatewayUse(deps: CoreDeps, actor: Actor, use: GatewayUse): Promise<void> {
  await recordAudit(deps, actor, {
    action: `gateway.${use.access}`,
    targetType: "repository",
    targetId: use.repositoryId,
    targetName: use.target.slice(0, 300),
    outcome: use.outcome,
    detail: { bytes: use.bytes, source: use.source, ...(use.code ? { code: use.code } : {}) },
  });
}
