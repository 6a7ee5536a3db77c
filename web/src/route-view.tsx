import { lazy, Suspense, type ComponentType } from "react";
import { PageHeading } from "./components/page-heading.tsx";
import { CredentialsPage } from "./pages/credentials/credentials-page.tsx";
import { DashboardPage } from "./pages/dashboard/dashboard-page.tsx";
import { RepositoriesPage } from "./pages/repositories/repositories-page.tsx";
import { RepositoryDetailPage } from "./pages/repositories/repository-detail-page.tsx";
import { Link } from "./router/link.tsx";

/** A page loaded as its own script when first opened: rarely visited pages stay out of the first script. */
function later<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(async () => ({ default: await load() }));
}

const ApiTokensPage = later(() => import("./pages/admin/api-tokens-page.tsx").then((m) => m.ApiTokensPage));
const AuditPage = later(() => import("./pages/admin/audit-page.tsx").then((m) => m.AuditPage));
const HostsPage = later(() => import("./pages/admin/hosts-page.tsx").then((m) => m.HostsPage));
const UsersPage = later(() => import("./pages/admin/users-page.tsx").then((m) => m.UsersPage));
const WebhooksPage = later(() => import("./pages/admin/webhooks-page.tsx").then((m) => m.WebhooksPage));
const ConnectGithubPage = later(() => import("./connect/connect-github-page.tsx").then((m) => m.ConnectGithubPage));
const AppManifestReturnPage = later(() => import("./connect/app-manifest-return-page.tsx").then((m) => m.AppManifestReturnPage));

/** Picks the page for a path. */
export function RouteView({ path }: { path: string }) {
  return (
    <Suspense fallback={<p role="status">Loading the page…</p>}>
      <PageFor path={path} />
    </Suspense>
  );
}

function PageFor({ path }: { path: string }) {
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
