import { getEnv } from "../infra/env.server";
import { CSP_REPORT_GROUP, CSP_REPORT_PATH } from "./edge/csp-endpoint";

/**
 * The host this site is served from: PUBLIC_URL when configured (behind a proxy the request may say
 * http://127.0.0.1), else the address of the request itself.
 */
function siteHost(requestUrl: string): string {
  return new URL(getEnv().PUBLIC_URL ?? requestUrl).host;
}

/**
 * Sent with every HTML page. Scripts run only from this origin or with this response's nonce (Remix's
 * hydration data is inline); development relaxes this for Vite's HMR client. Websockets may go to this
 * host only (both ws: and wss:, since TLS often ends at a proxy in front). Violations are reported to
 * /csp-report, through both the Reporting API (`report-to`) and the older `report-uri`.
 */
export function securityHeaders(nonce: string, requestUrl: string): Record<string, string> {
  const dev = getEnv().NODE_ENV === "development";
  const host = siteHost(requestUrl);
  const csp = [
    "default-src 'self'",
    dev ? "script-src 'self' 'unsafe-inline' 'unsafe-eval'" : `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ws://${host} wss://${host}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    `report-uri ${CSP_REPORT_PATH}`,
    `report-to ${CSP_REPORT_GROUP}`,
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "Reporting-Endpoints": `${CSP_REPORT_GROUP}="${CSP_REPORT_PATH}"`,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
  };
}
