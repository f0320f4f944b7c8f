import type { IncomingMessage, ServerResponse } from "node:http";
import crypto from "node:crypto";
import pino from "pino";
import { pinoHttp } from "pino-http";

export type Logger = pino.Logger;

/**
 * One JSON line per request and per error, for journald or a log shipper. Only what helps to find a
 * problem is kept: never cookies, authorisation headers, query strings (they can carry codes and return
 * addresses) or bodies (passwords).
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "yishi" },
    redact: {
      paths: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]', "password", "*.password"],
      censor: "[redacted]",
    },
  });
}

const pathOnly = (url: string | undefined) => (url ?? "").split("?")[0];

const QUIET_PATHS = /^\/(healthz|metrics|assets\/|favicon)/;

export function requestLogging(logger: Logger) {
  return pinoHttp<IncomingMessage, ServerResponse>({
    logger,
    genReqId: (req, res) => {
      const id = crypto.randomUUID();
      res.setHeader("X-Request-Id", id);
      return id;
    },
    autoLogging: { ignore: (req) => QUIET_PATHS.test(req.url ?? "") },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info"),
    serializers: {
      req: (req: { id: string; method: string; url: string; remoteAddress?: string; headers: Record<string, string | undefined> }) => ({
        id: req.id,
        method: req.method,
        path: pathOnly(req.url),
        ip: req.remoteAddress,
        userAgent: req.headers["user-agent"],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
