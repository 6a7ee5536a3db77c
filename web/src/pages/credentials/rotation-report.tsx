import { StatusBadge } from "../../components/status-badge.tsx";

/** One repository's result in a safe rotation. */
export interface RotationRow {
  name: string;
  status: string;
  message: string | null;
}

/** Finds the per-repository report in a rotation answer or error details, whatever it is called. */
export function rotationRows(body: Record<string, unknown>): RotationRow[] {
  const container = (body.rotation ?? body.report ?? body) as Record<string, unknown>;
  const list = container.repositories ?? container.results ?? container.checks;
  if (!Array.isArray(list)) return [];
  return list
    .filter((x): x is Record<string, unknown> => typeof x === "object" && x !== null)
    .map((x) => ({
      name: String(x.name ?? x.repository ?? "repository"),
      status: String(x.status ?? "unchecked"),
      message: typeof x.message === "string" ? x.message : null,
    }));
}

/** The per-repository result of a safe rotation. */
export function RotationReport({ rows }: { rows: RotationRow[] }) {
  if (rows.length === 0) return null;
  return (
    <div className="rotation-report">
      <h3>Repositories checked with the new secret</h3>
      <ul className="plain-list">
        {rows.map((r) => (
          <li key={r.name}>
            <StatusBadge status={r.status} /> <strong>{r.name}</strong>
            {r.message ? ` — ${r.message}` : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
