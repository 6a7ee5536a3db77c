import { systemActor } from "../../../core/access/actor.ts";
import { recordAudit } from "../../../core/audit/record-audit.ts";
import type { CoreDeps } from "../../../core/deps.ts";
import type { AppTokenMint } from "./app-types.ts";

/** Records one installation-token mint: installation, repository, permissions and expiry; never the token, never a reuse. */
export async function auditAppTokenMint(deps: Pick<CoreDeps, "store" | "now" | "newId">, mint: AppTokenMint): Promise<void> {
  await recordAudit(deps, systemActor, {
    action: "github-app.token-mint",
    targetType: "github-app-installation",
    targetId: String(mint.installationId),
    targetName: mint.account,
    detail: {
      appId: mint.appId,
      installationId: mint.installationId,
      repository: mint.repository,
      permissions: mint.permissions,
      expiresAt: mint.expiresAt,
    },
  });
}
