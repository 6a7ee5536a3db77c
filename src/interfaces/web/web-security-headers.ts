/**
 * The Content Security Policy of the web UI: everything from Repolink itself, nothing inline,
 * no CDN, no framing. Vite emits only external module scripts and stylesheets, so no
 * `unsafe-inline` is needed.
 */
export const webContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * The policy with forms also allowed to post to `formOrigins` (the registered hosts' web origins):
 * GitHub's App manifest flow posts a form to the host's `/settings/apps/new`.
 */
export function webContentSecurityPolicyWith(formOrigins: readonly string[]): string {
  const allowed = [...new Set(formOrigins.filter((o) => /^https?:\/\/[^\s;,']+$/.test(o)))];
  if (allowed.length === 0) return webContentSecurityPolicy;
  return webContentSecurityPolicy.replace("form-action 'self'", `form-action 'self' ${allowed.join(" ")}`);
}

/** Headers every web UI response carries. */
export const webSecurityHeaders: Readonly<Record<string, string>> = {
  "Content-Security-Policy": webContentSecurityPolicy,
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
};
