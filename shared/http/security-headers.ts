/**
 * Security headers on every response. Written here rather than with @middy/http-security-headers:
 * the set is small, pages and JSON need different policies, and helmet's port adds reporting
 * headers (Report-To to a "csp" group) that point nowhere in this product.
 */
/**
 * The pages' policy. `connectTo` adds origins scripts may fetch from: only the staff console's,
 * which exchanges its sign-in code at the Cognito hosted UI's token endpoint.
 */
export const pageCsp = (connectTo: string[] = []): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    ["connect-src 'self'", ...connectTo].join(' '),
    "img-src 'self' data:",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
const PAGE_CSP = pageCsp();
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

export const securityHeaders = (contentType: string | undefined): Record<string, string> => ({
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy': contentType?.startsWith('text/html') ? PAGE_CSP : API_CSP,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), interest-cohort=()',
  // Personal data is never cached by a browser or a proxy; static assets opt in to caching themselves.
  'cache-control': 'no-store',
});
