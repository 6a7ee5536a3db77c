import { PageHeading } from "./components/page-heading.tsx";
import { ApiTokensPage } from "./pages/admin/api-tokens-page.tsx";
import { AuditPage } from "./pages/admin/audit-page.tsx";
import { HostsPage } from "./pages/admin/hosts-page.tsx";
import { UsersPage } from "./pages/admin/users-page.tsx";
import { ConnectGithubPage } from "./connect/connect-github-page.tsx";
import { AppManifestReturnPage } from "./connect/app-manifest-return-page.tsx";
import { CredentialsPage } from "./pages/credentials/credentials-page.tsx";
import { DashboardPage } from "./pages/dashboard/dashboard-page.tsx";
import { RepositoriesPage } from "./pages/repositories/repositories-page.tsx";
import { RepositoryDetailPage } from "./pages/repositories/repository-detail-page.tsx";
import { Link } from "./router/link.tsx";
import { WebhooksPage } from "./pages/admin/webhooks-page.tsx";

/** Picks the page for a path. */
export function RouteView({ path }: { path: string }) {
  const repository = /^\/repositories\/([^/]+)$/.exec(path);
  if (repository?.[1]) return <RepositoryDetailPage id={decodeURIComponent(repository[1])} />;
  switch (path) {
    case "/":
      return <DashboardPage />;
    case "/connect":
      return <ConnectGithubPage />;
    case "/connect/github-app/created":
      return <AppManifestReturnPage />;
    case "/credentials":
      return <CredentialsPage />;
    case "/repositories":
      return <RepositoriesPage />;
    case "/admin/hosts":
      return <HostsPage />;
    case "/admin/webhooks":
      return <WebhooksPage />;
    case "/admin/users":
      return <UsersPage />;
    case "/tokens":
      return <ApiTokensPage />;
    case "/audit":
      return <AuditPage />;
    default:
      return (
        <>
          <PageHeading>Page not found</PageHeading>
          <p>
            There is no page at this address. <Link to="/">Go to the dashboard</Link>.
          </p>
        </>
      );
  }
}
