import { systemActor } from "../access/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Credential } from "../credentials/credential.ts";
import type { CoreDeps } from "../deps.ts";
import type { ExpiryThreshold, NoticeKey } from "./notice-key.ts";
import { notify } from "./notify.ts";

const dayMs = 86_400_000;

/** Warning steps, least urgent first. */
const steps: { threshold: ExpiryThreshold; days: number }[] = [
  { threshold: "30d", days: 30 },
  { threshold: "7d", days: 7 },
  { threshold: "1d", days: 1 },
];

/** One notice `sendExpiryWarnings` sent. */
export interface ExpiryNotice {
  credentialId: string;
  credentialName: string;
  threshold: ExpiryThreshold;
}

/** The thresholds reached at `now` for an expiry, least urgent first ("expired" last). */
function reachedThresholds(expiresAt: number, now: number): ExpiryThreshold[] {
  if (expiresAt <= now) return [...steps.map((s) => s.threshold), "expired"];
  return steps.filter((s) => expiresAt - now <= s.days * dayMs).map((s) => s.threshold);
}

/**
 * Fires `credential.expiring` 30, 7 and 1 days before each known expiry and
 * `credential.expired` after it, each once per secret version (a rotated credential may
 * warn again). When several thresholds are reached at once only the most urgent fires;
 * the others are marked done. Each notice is audited, queued and marked in one transaction.
 * @returns the notices sent by this run
 */
export async function sendExpiryWarnings(deps: Pick<CoreDeps, "store" | "newId">, now: Date): Promise<ExpiryNotice[]> {
  const sent: ExpiryNotice[] = [];
  for (const credential of await deps.store.credentials.list()) {
    if (credential.expiresAt === null) continue;
    const expiresAt = Date.parse(credential.expiresAt);
    if (Number.isNaN(expiresAt)) continue;
    const reached = reachedThresholds(expiresAt, now.getTime());
    const urgent = reached.at(-1);
    if (urgent === undefined) continue;
    const key = (threshold: ExpiryThreshold): NoticeKey => ({
      credentialId: credential.id,
      secretVersion: credential.secretVersion,
      threshold,
    });
    if (await deps.store.notifications.wasSent(key(urgent))) continue;
    const fired = await deps.store.transaction(async (store) => {
      const at = now.toISOString();
      for (const earlier of reached.slice(0, -1)) await store.notifications.markSent(key(earlier), at);
      // First writer wins: another instance may have sent this notice meanwhile.
      if (!(await store.notifications.markSent(key(urgent), at))) return false;
      await announce({ ...deps, store, now: () => now }, credential, urgent, expiresAt - now.getTime());
      return true;
    });
    if (fired) sent.push({ credentialId: credential.id, credentialName: credential.name, threshold: urgent });
  }
  return sent;
}

async function announce(
  deps: Pick<CoreDeps, "store" | "newId" | "now">,
  credential: Credential,
  threshold: ExpiryThreshold,
  msLeft: number,
): Promise<void> {
  const event = threshold === "expired" ? "credential.expired" : "credential.expiring";
  const data = {
    credential: {
      id: credential.id,
      name: credential.name,
      scope: credential.scope,
      host: credential.hostName,
      version: credential.secretVersion,
    },
    expiresAt: credential.expiresAt,
    threshold,
    daysLeft: Math.max(0, Math.ceil(msLeft / dayMs)),
    // One warning per credential, however many repositories it serves: they are counted, not listed.
    repositories: Object.values(await deps.store.repositories.countByStatus({ credentialId: credential.id })).reduce((n, c) => n + c, 0),
  };
  const key = `expiry:${credential.id}:${credential.secretVersion}:${threshold}`;
  await notify(deps, event, data, key);
  await recordAudit(deps, systemActor, {
    action: threshold === "expired" ? "credential.expired" : "credential.expiry_warning",
    targetType: "credential",
    targetId: credential.id,
    targetName: credential.name,
    outcome: "success",
    detail: { threshold, expiresAt: credential.expiresAt, version: credential.secretVersion },
  });
}
