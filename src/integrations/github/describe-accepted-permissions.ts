/** GitHub's permission names as its token settings page shows them. */
const permissionNames: Record<string, string> = {
  contents: "Contents",
  metadata: "Metadata",
  pull_requests: "Pull requests",
  administration: "Administration",
  workflows: "Workflows",
  actions: "Actions",
  issues: "Issues",
};

const titleCase = (name: string) => permissionNames[name] ?? name.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());

/**
 * `X-Accepted-GitHub-Permissions` in the words of GitHub's token settings: `contents=write`
 * → `Contents: write`; `;` separates alternatives, `,` permissions needed together.
 * @see https://docs.github.com/rest/authentication/permissions-required-for-fine-grained-personal-access-tokens
 * @example describeAcceptedPermissions("contents=read; pull_requests=write") // "Contents: read, or Pull requests: write"
 */
export function describeAcceptedPermissions(header: string | null | undefined): string | null {
  if (!header) return null;
  const alternatives = header
    .split(";")
    .map((set) =>
      set
        .split(",")
        .map((pair) => pair.trim().split("="))
        .filter(([name, level]) => name && level && /^[a-z_]+$/.test(name) && /^[a-z]+$/.test(level))
        .map(([name, level]) => `${titleCase(name!)}: ${level}`)
        .join(" and "),
    )
    .filter(Boolean);
  return alternatives.length ? alternatives.join(", or ") : null;
}
