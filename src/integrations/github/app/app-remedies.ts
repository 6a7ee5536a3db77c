/** The page that installs the App (choose the account and repositories); GitHub's own URL form. */
export function installAppUrl(webUrl: string, slug: string): string {
  return `${webUrl.replace(/\/+$/, "")}/apps/${encodeURIComponent(slug)}/installations/new`;
}

/** What to click when the App is not installed on `owner`. */
export function installAppRemedy(webUrl: string, slug: string | null, owner: string): string {
  const where = slug
    ? `Open ${installAppUrl(webUrl, slug)}`
    : "On GitHub, open the App's public page (Settings → Developer settings → GitHub Apps → the App → Install App)";
  return (
    `${where}, choose Install on the account ${owner}, ` +
    `select the repositories Repolink should reach, and click Install; then check again.`
  );
}

/** What to click when the installation is suspended. */
export function unsuspendRemedy(settingsUrl: string, owner: string): string {
  return `An owner of ${owner} can open ${settingsUrl} and click Unsuspend at the bottom of the page; then check again.`;
}

/** What to click when the repository is not among the installation's selected repositories. */
export function selectRepositoryRemedy(settingsUrl: string, repository: string): string {
  return (
    `Open ${settingsUrl}, under Repository access choose ${repository} in "Only select repositories" ` +
    `(or choose "All repositories"), click Save; then check again.`
  );
}

/** What to click when the App lacks the Contents permission the repository needs. */
export function contentsPermissionRemedy(webUrl: string, slug: string, needed: "read" | "write", settingsUrl: string): string {
  const level = needed === "write" ? "Read and write" : "Read-only";
  return (
    `In the App's settings (${webUrl.replace(/\/+$/, "")}/settings/apps/${encodeURIComponent(slug)}/permissions) ` +
    `set Repository permissions → Contents to "${level}" and save; ` +
    `then an owner of the account accepts the new permissions at ${settingsUrl}. ` +
    `If Repolink only needs to read, change what the repository needs to pull (read only).`
  );
}
