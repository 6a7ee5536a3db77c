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

/** Headers every web UI response carries. */
export const webSecurityHeaders: Readonly<Record<string, string>> = {
  "Content-Security-Policy": webContentSecurityPolicy,
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
};
