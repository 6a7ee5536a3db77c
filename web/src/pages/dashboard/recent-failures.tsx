import type { AuditEvent, Items } from "../../api/types.ts";
import { ErrorAlert } from "../../components/error-alert.tsx";
import { StatusBadge } from "../../components/status-badge.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import type { ApiData } from "../../hooks/use-api-data.ts";
import { Link } from "../../router/link.tsx";

/** The latest failed or denied actions from the audit log. */
export function RecentFailures({ data }: { data: ApiData<Items<AuditEvent>> }) {
  const failures = (data.data?.items ?? []).filter((e) => e.outcome !== "success").slice(0, 8);
  return (
    <section aria-labelledby="failures">
      <h2 id="failures">Recent failures</h2>
      <ErrorAlert message={data.error} />
      {data.data && failures.length === 0 ? <p>No failures recorded recently.</p> : null}
      {failures.length > 0 ? (
        <ul className="plain-list">
          {failures.map((e) => (
            <li key={e.id}>
              <StatusBadge status={e.outcome} /> <RelativeTime iso={e.at} /> — {e.action}{" "}
              {e.targetName ? <strong>{e.targetName}</strong> : null}
              {typeof e.detail.code === "string" ? (
                <>
                  {" "}
                  (<code>{e.detail.code}</code>)
                </>
              ) : null}{" "}
              by {e.actorName}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <Link to="/audit">Open the audit log</Link>
      </p>
    </section>
  );
}
