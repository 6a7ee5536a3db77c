import { useApiData } from "../hooks/use-api-data.ts";
import type { CredentialView } from "../api/types.ts";
import { daysUntil } from "../format.ts";
import { Link } from "../router/link.tsx";
import { RelativeTime } from "./relative-time.tsx";
import { StatusBadge } from "./status-badge.tsx";

/** How close an expiry date makes a credential worth an alert (the dashboard's "expiring soon"). */
export const EXPIRY_ALERT_DAYS = 30;

/** Whether the credential expires within EXPIRY_ALERT_DAYS or has expired. */
export function expiresSoon(c: CredentialView): boolean {
  const days = daysUntil(c.expiresAt);
  return days !== null && days <= EXPIRY_ALERT_DAYS;
}

/**
 * One alert for an expiring credential instead of a row per repository it degrades: when, how many repositories use
 * it, a link to exactly those and one to rotate it.
 */
export function CredentialExpiryAlert({ credential }: { credential: CredentialView }) {
  const users = useApiData("GET /repositories", { query: { credential: credential.id, limit: 1 } });
  const count = users.data?.total;
  const expired = (daysUntil(credential.expiresAt) ?? 0) < 0;
  const name = credential.name;
  return (
    <>
      <StatusBadge status={expired ? "invalid" : "warning"} /> <strong>{name}</strong> ({credential.host}) —{" "}
      {expired ? "Expired" : "Expires"} <RelativeTime iso={credential.expiresAt} />
      {count === undefined ? null : (
        <>
          {" "}
          · {count} repositor{count === 1 ? "y" : "ies"} affected ·{" "}
          {count > 0 ? (
            <>
              <Link to={`/repositories?credential=${encodeURIComponent(name)}`}>
                Show {count === 1 ? "it" : `the ${count}`}
                <span className="visually-hidden"> repositories using {name}</span>
              </Link>{" "}
              ·{" "}
            </>
          ) : null}
        </>
      )}{" "}
      <Link to={`/credentials?rotate=${encodeURIComponent(name)}`}>Rotate {name}</Link>
    </>
  );
}

/** The alerts of every credential expiring soon that repositories use (the Repositories page shows them above its list). */
export function CredentialExpiryAlerts({ credentials }: { credentials: CredentialView[] }) {
  const expiring = credentials.filter(expiresSoon);
  if (expiring.length === 0) return null;
  return (
    <section className="callout" aria-labelledby="expiry-alerts">
      <h2 id="expiry-alerts">Credentials about to expire</h2>
      <ul className="plain-list">
        {expiring.map((c) => (
          <li key={c.id}>
            <CredentialExpiryAlert credential={c} />
          </li>
        ))}
      </ul>
    </section>
  );
}
