import type { TokenReportProblem } from "./token-problems.ts";

/** The organizations named in `X-GitHub-SSO: partial-results; organizations=21955855,20582480` (0 without it). */
export function countSsoPendingOrganizations(header: string | number | undefined): number {
  const list = /partial-results;\s*organizations=([\d,\s]+)/i.exec(String(header ?? ""))?.[1] ?? "";
  return list.split(",").filter((id) => /^\s*\d+\s*$/.test(id)).length;
}

/** The page listing the user's tokens, where "Configure SSO" authorizes a token for an organization. */
export const tokenSettingsUrl = (webUrl: string) => `${webUrl.replace(/\/+$/, "")}/settings/tokens`;

/** The warning for a token that works, but not yet in `count` organizations that enforce SAML single sign-on. */
export function ssoPendingProblem(count: number, webUrl: string): TokenReportProblem {
  const organizations = count === 1 ? "1 organization" : `${count} organizations`;
  return {
    code: "GITHUB_SSO_REQUIRED",
    severity: "warning",
    message:
      `The token works, but ${organizations} with SAML single sign-on ${count === 1 ? "has" : "have"} not authorized it yet: ` +
      `${count === 1 ? "its" : "their"} repositories stay hidden from it.`,
    remedy:
      `Open ${tokenSettingsUrl(webUrl)}, click Configure SSO next to this token and Authorize next to the organization, ` +
      `then check again.`,
  };
}
