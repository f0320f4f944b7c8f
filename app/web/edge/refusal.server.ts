import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import { translatorFor } from "../../i18n/i18next.server";

export type Refusal = "too_large" | "cross_site" | "rate_limited" | "unexpected";

const STATUS: Record<Refusal, number> = { too_large: 413, cross_site: 403, rate_limited: 429, unexpected: 500 };
const TITLE: Record<Refusal, string> = {
  too_large: "edge.title_too_large",
  cross_site: "edge.title_cross_site",
  rate_limited: "edge.title_rate_limited",
  unexpected: "errors.unexpected",
};
const MESSAGE: Record<Refusal, string> = {
  too_large: "edge.too_large",
  cross_site: "edge.cross_site",
  rate_limited: "edge.rate_limited",
  unexpected: "errors.unexpected",
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/** Browsers navigating (a no-JS form post) get a page; fetch, fetchers and scripts get JSON. */
export function wantsHtml(req: ExpressRequest): boolean {
  const accept = req.headers.accept ?? "";
  return /text\/html/i.test(accept) && !/\.data$/.test(req.path);
}

/**
 * Answers a request the edge refuses before Remix sees it, in the language the person reads the site in
 * (language cookie, then Accept-Language). The page stands alone: no scripts, inline styles only.
 */
export async function sendRefusal(req: ExpressRequest, res: ExpressResponse, refusal: Refusal, values: Record<string, string> = {}) {
  if (res.headersSent) return;
  // remix-i18next detects the language from a Fetch Request; only the two headers it reads are copied.
  const probe = new Request("http://yishi.local/", {
    headers: { cookie: req.headers.cookie ?? "", "accept-language": req.headers["accept-language"] ?? "" },
  });
  const { language: locale, t } = await translatorFor(probe, "common");
  const status = STATUS[refusal];
  const message = t(MESSAGE[refusal], values);
  if (res.headersSent) return;
  res.status(status);
  res.setHeader("Cache-Control", "no-store");
  // Open311 clients read only the GeoReport v2 error array (http://wiki.open311.org/GeoReport_v2).
  if (req.path.startsWith("/open311/")) {
    res.json([{ code: status, description: message }]);
    return;
  }
  if (!wantsHtml(req)) {
    res.json({ ok: false, reason: MESSAGE[refusal], error: message });
    return;
  }
  const title = t(TITLE[refusal]);
  res.setHeader(
    "Content-Security-Policy",
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  );
  res.type("html").send(`<!doctype html>
<html lang="${escapeHtml(locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · 议事 Yishi</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.6;color:#1f2937}h1{font-size:1.5rem}a{display:inline-block;margin-top:1.5rem;padding:.6rem 1.2rem;border-radius:.5rem;background:#b91c1c;color:#fff;text-decoration:none}</style>
</head>
<body><main><p style="font-size:3rem;font-weight:700;margin:0">${status}</p><h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(message)}</p><a href="/">${escapeHtml(t("edge.back_home"))}</a></main></body>
</html>`);
}
