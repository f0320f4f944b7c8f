import express from "express";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { BODY_LIMITS } from "./body-limits.server";
import { CSP_REPORT_PATH } from "./csp-endpoint";
import type { Logger } from "./logging.server";

/** The two shapes browsers send: `report-uri` (application/csp-report) and `report-to` (Reporting API). */
interface LegacyReport {
  "csp-report"?: Record<string, unknown>;
}
interface ReportingApiReport {
  type?: string;
  url?: string;
  body?: Record<string, unknown>;
}

const text = (value: unknown) => (typeof value === "string" ? value.slice(0, 300) : undefined);
// Addresses lose their query and fragment: they can carry meeting codes or return addresses.
const address = (value: unknown) => text(value)?.split(/[?#]/)[0];

export interface Violation {
  documentUri?: string;
  blockedUri?: string;
  directive?: string;
  disposition?: string;
  sourceFile?: string;
  line?: number;
}

/** Whatever a browser (or anyone) posts, reduced to a few short fields. */
export function violationsIn(payload: unknown): Violation[] {
  const reports: unknown[] = Array.isArray(payload) ? payload.slice(0, 20) : [payload];
  const out: Violation[] = [];
  for (const report of reports) {
    if (!report || typeof report !== "object") continue;
    const legacy = (report as LegacyReport)["csp-report"];
    const modern = (report as ReportingApiReport).type === "csp-violation" ? (report as ReportingApiReport).body : undefined;
    const body = legacy ?? modern;
    if (!body || typeof body !== "object") continue;
    out.push({
      documentUri: address(body["document-uri"] ?? body.documentURL ?? (report as ReportingApiReport).url),
      blockedUri: address(body["blocked-uri"] ?? body.blockedURL),
      directive: text(body["effective-directive"] ?? body.effectiveDirective ?? body["violated-directive"]),
      disposition: text(body.disposition),
      sourceFile: address(body["source-file"] ?? body.sourceFile),
      line: typeof (body["line-number"] ?? body.lineNumber) === "number" ? Number(body["line-number"] ?? body.lineNumber) : undefined,
    });
  }
  return out;
}

/**
 * Receives CSP violation reports and logs them. The body is capped, and logging is rate-limited per
 * address and overall, so a script posting reports in a loop can neither fill memory nor the disk.
 */
export function cspReportRoute(logger: Logger, limits = { perAddressPerMinute: 10, totalPerMinute: 100 }) {
  const perAddress = new RateLimiterMemory({ points: limits.perAddressPerMinute, duration: 60 });
  const overall = new RateLimiterMemory({ points: limits.totalPerMinute, duration: 60 });
  let suppressed = 0;
  const router = express.Router();
  router.post(
    CSP_REPORT_PATH,
    express.json({ type: ["application/csp-report", "application/reports+json", "application/json"], limit: BODY_LIMITS.cspReport }),
    async (req: ExpressRequest, res: ExpressResponse) => {
      // Answered at once: the browser does not wait for, or care about, the outcome.
      res.status(204).end();
      const violations = violationsIn(req.body);
      if (violations.length === 0) return;
      try {
        await perAddress.consume(req.ip ?? "unknown");
        await overall.consume("all");
      } catch {
        suppressed += 1;
        return;
      }
      for (const violation of violations)
        logger.warn({ csp: violation, suppressedSinceLast: suppressed }, "content security policy violation");
      suppressed = 0;
    },
  );
  // Oversized or malformed reports: a short answer, no stack trace, nothing logged per request.
  router.use(
    CSP_REPORT_PATH,
    (error: { status?: number; type?: string }, _req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
      if (!error?.status) return next(error);
      res.status(error.status === 413 ? 413 : 400).end();
    },
  );
  return router;
}
