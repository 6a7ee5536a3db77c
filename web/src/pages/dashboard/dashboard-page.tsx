import { PageHeading } from "../../components/page-heading.tsx";
import { useApiData } from "../../hooks/use-api-data.ts";
import { Link } from "../../router/link.tsx";
import { CredentialsNeedingAttention } from "./credentials-needing-attention.tsx";
import { RecentFailures } from "./recent-failures.tsx";
import { RepositoryHealth } from "./repository-health.tsx";

/** Connection health at a glance: repositories, credentials to renew, recent failures. */
export function DashboardPage() {
  const credentials = useApiData("GET /credentials");
  const audit = useApiData("GET /audit", { query: { limit: 200 } });
  return (
    <>
      <PageHeading intro="Which connections are healthy, which tokens expire soon and what failed recently.">Dashboard</PageHeading>
      {credentials.data?.items.length === 0 ? (
        <div className="callout">
          <p>No credentials yet. Start by connecting GitHub: Repolink walks you through creating a token and checks it as you paste it.</p>
          <Link to="/connect" className="button primary">
            Connect GitHub
          </Link>
        </div>
      ) : null}
      <RepositoryHealth />
      <CredentialsNeedingAttention data={credentials} />
      <RecentFailures data={audit} />
    </>
  );
}
