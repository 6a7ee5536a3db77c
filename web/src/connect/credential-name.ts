/** The credential name the wizard proposes for a host: `github-<host>` (or `github-app-<host>`), in the allowed characters. */
export const defaultCredentialName = (host: string, prefix = "github") => `${prefix}-${host}`.replace(/[^A-Za-z0-9._-]/g, "-").slice(0, 64);
