/**
 * Sent with every HTML page. Scripts run only from this origin or with this response's nonce (Remix's
 * hydration data is inline); development relaxes this for Vite's HMR client.
 */
export function securityHeaders(nonce: string): Record<string, string> {
  const dev = process.env.NODE_ENV === "development";
  const csp = [
    "default-src 'self'",
    dev ? "script-src 'self' 'unsafe-inline' 'unsafe-eval'" : `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self' ws: wss:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
  };
}
