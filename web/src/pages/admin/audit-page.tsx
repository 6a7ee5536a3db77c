import { useState } from "react";
import { ErrorAlert } from "../../components/error-alert.tsx";
import { PageHeading } from "../../components/page-heading.tsx";
import { SelectField } from "../../components/select-field.tsx";
import { StatusBadge } from "../../components/status-badge.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { inert } from "../../format.ts";
import { useApiData } from "../../hooks/use-api-data.ts";

function describeDetail(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined && (typeof v !== "object" || Array.isArray(v)))
    .map(([k, v]) => `${k}: ${inert(Array.isArray(v) ? v.join(", ") : String(v))}`)
    .join(", ");
}

/** The audit log, newest first: who did what, to what, and how it went. Never a secret. */
export function AuditPage() {
  const [limit, setLimit] = useState(100);
  const [outcome, setOutcome] = useState("all");
  const audit = useApiData("GET /audit", { query: { limit } });
  const items = (audit.data?.items ?? []).filter((e) => outcome === "all" || e.outcome === outcome);
  return (
    <>
      <PageHeading intro="Every create, update, use, failure and delete, newest first. Members see their own actions.">
        Audit log
      </PageHeading>
      <div className="filters">
        <SelectField label="Show" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
          <option value="all">All events</option>
          <option value="failure">Failures</option>
          <option value="denied">Denied</option>
          <option value="success">Successes</option>
        </SelectField>
        <SelectField label="Latest" value={String(limit)} onChange={(e) => setLimit(Number(e.target.value))}>
          <option value="50">50</option>
          <option value="100">100</option>
          <option value="500">500</option>
        </SelectField>
      </div>
      <ErrorAlert message={audit.error} />
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Audit events</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Outcome</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td>
                  <RelativeTime iso={e.at} />
                </td>
                <td>{inert(e.actorName)}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>{inert(e.targetName ?? e.targetId ?? "—")}</td>
                <td>
                  <StatusBadge status={e.outcome} />
                </td>
                <td className="detail">{describeDetail(e.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {audit.data && items.length === 0 ? <p>No events.</p> : null}
    </>
  );
}
