import type { CredentialView, Items } from "../../api/types.ts";
import { ErrorAlert } from "../../components/error-alert.tsx";
import { StatusBadge } from "../../components/status-badge.tsx";
import { daysUntil, formatDate } from "../../format.ts";
import type { ApiData } from "../../hooks/use-api-data.ts";
import { Link } from "../../router/link.tsx";

const SOON_DAYS = 30;

function reason(c: CredentialView): string {
  const days = daysUntil(c.expiresAt);
  if (days !== null && days < 0) return `Expired on ${formatDate(c.expiresAt)}`;
  if (days !== null && days <= SOON_DAYS) return `Expires in ${days} day${days === 1 ? "" : "s"} (${formatDate(c.expiresAt)})`;
  if (c.status === "invalid") return "The last check found it unusable";
  return "The last check found problems";
}

/** Credentials that expire within 30 days or whose last check failed or warned. */
export function CredentialsNeedingAttention({ data }: { data: ApiData<Items<CredentialView>> }) {
  const flagged = (data.data?.items ?? []).filter((c) => {
    const days = daysUntil(c.expiresAt);
    return (days !== null && days <= SOON_DAYS) || c.status === "invalid" || c.status === "warning";
  });
  return (
    <section aria-labelledby="expiring">
      <h2 id="expiring">Credentials expiring soon or with problems</h2>
      <ErrorAlert message={data.error} />
      {data.loading && !data.data ? <p role="status">Loading credentials…</p> : null}
      {data.data && flagged.length === 0 ? <p>None: every credential is valid for at least {SOON_DAYS} more days.</p> : null}
      {flagged.length > 0 ? (
        <ul className="plain-list">
          {flagged.map((c) => (
            <li key={c.id}>
              <StatusBadge status={c.status} /> <Link to="/credentials">{c.name}</Link> ({c.host}) — {reason(c)}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
