import type { HealthCycleProgressView } from "../../contract/views/admin-views.ts";
import type { ImportResult } from "../../contract/views/repository-views.ts";

/** `repo import`'s human answer: what was registered and skipped (with why), then what the check found, failures with their remedy. */
export function importSummary(result: ImportResult, checked: HealthCycleProgressView | null): string {
  const lines = [
    `Registered ${result.created.length}, skipped ${result.skipped.length}.`,
    ...result.created.map((n) => `  + ${n}`),
    ...result.skipped.map((s) => `  – ${s.name}: ${s.reason}`),
  ];
  if (checked) {
    const s = checked.byStatus;
    lines.push(`Checked ${checked.checked} of ${checked.total}: ${s.connected} connected, ${s.degraded} degraded, ${s.failing} failing.`);
    for (const f of checked.failures)
      lines.push(`  ✗ ${f.name}: ${f.message ?? f.reasonCode ?? "failing"}${f.remedy ? ` — ${f.remedy}` : ""}`);
  } else if (result.check) {
    lines.push(`Checking ${result.check.total} now; see \`repolink repo list --status failing\`.`);
  }
  return lines.join("\n");
}
