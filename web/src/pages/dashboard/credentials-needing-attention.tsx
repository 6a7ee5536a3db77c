import type { CredentialView, Items } from "../../api/types.ts";
import { CredentialExpiryAlert, EXPIRY_ALERT_DAYS, expiresSoon } from "../../components/credential-expiry-alert.tsx";
import { ErrorAlert } from "../../components/error-alert.tsx";
import { StatusBadge } from "../../components/status-badge.tsx";
import type { ApiData } from "../../hooks/use-api-data.ts";
import { Link } from "../../router/link.tsx";

/**
 * Credentials that expire within 30 days (one alert each, standing for every repository the expiry degrades) or whose
 * last check failed or warned.
 */
export function CredentialsNeedingAttention({ data }: { data: ApiData<Items<CredentialView>> }) {
  const flagged = (data.data?.items ?? []).filter((c) => expiresSoon(c) || c.status === "invalid" || c.status === "warning");
  return (
    <section aria-labelledby="expiring">
      <h2 id="expiring">Credentials expiring soon or with problems</h2>
      <ErrorAlert message={data.error} />
      {data.loading && !data.data ? <p role="status">Loading credentials…</p> : null}
      {data.data && flagged.length === 0 ? <p>None: every credential is valid for at least {EXPIRY_ALERT_DAYS} more days.</p> : null}
      {flagged.length > 0 ? (
        <ul className="plain-list">
          {flagged.map((c) => (
            <li key={c.id}>
              {expiresSoon(c) ? (
                <CredentialExpiryAlert credential={c} />
              ) : (
                <>
                  <StatusBadge status={c.status} /> <Link to="/credentials">{c.name}</Link> ({c.host}) —{" "}
                  {c.status === "invalid" ? "The last check found it unusable" : "The last check found problems"}
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
