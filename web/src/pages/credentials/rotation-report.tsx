import { StatusBadge } from "../../components/status-badge.tsx";

/** One repository's result in a safe rotation: its status before, with the new secret, and whether that blocks it (fails or worse). */
export interface RotationRow {
  name: string;
  before: string | null;
  status: string;
  message: string | null;
  getsWorse: boolean;
}

/** Finds the per-repository report in a rotation answer or error details, whatever it is called. */
export function rotationRows(body: Record<string, unknown>): RotationRow[] {
  const container = (body.rotation ?? body.report ?? body) as Record<string, unknown>;
  const list = container.repositories ?? container.results ?? container.checks;
  if (!Array.isArray(list)) return [];
  return list
    .filter((x): x is Record<string, unknown> => typeof x === "object" && x !== null)
    .map((x) => {
      const before = x.before as { status?: unknown } | undefined;
      return {
        name: String(x.name ?? x.repository ?? "repository"),
        before: typeof before?.status === "string" ? before.status : null,
        status: String(x.status ?? "unchecked"),
        message: typeof x.message === "string" ? x.message : null,
        getsWorse: x.blocking === true,
      };
    });
}

/** The per-repository result of a safe rotation, before → after, the ones that get worse first. */
export function RotationReport({ rows }: { rows: RotationRow[] }) {
  if (rows.length === 0) return null;
  const ordered = [...rows].sort((a, b) => Number(b.getsWorse) - Number(a.getsWorse));
  return (
    <div className="rotation-report">
      <h3>Repositories checked with the new secret</h3>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Each repository's status before and with the new secret</caption>
          <thead>
            <tr>
              <th scope="col">Repository</th>
              <th scope="col">Before</th>
              <th scope="col">With the new secret</th>
              <th scope="col">Effect</th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((r) => (
              <tr key={r.name}>
                <th scope="row">{r.name}</th>
                <td>{r.before ? <StatusBadge status={r.before} /> : "—"}</td>
                <td>
                  <StatusBadge status={r.status} />
                  {r.message ? <div className="hint">{r.message}</div> : null}
                </td>
                <td>{r.getsWorse ? <strong>{r.status === "failing" ? "Fails with it" : "Gets worse"}</strong> : "No worse"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
