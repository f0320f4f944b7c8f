import crypto from "node:crypto";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import client from "prom-client";

/**
 * Prometheus figures for one process. Kept on globalThis: in development Vite loads app modules a second
 * time (remix-run/remix#9202), and the ballot code must count into the same registry server.ts serves.
 */
interface Metrics {
  registry: client.Registry;
  httpDuration: client.Histogram<"method" | "route" | "status">;
  ballotsAcked: client.Counter;
  socketCount: { read: () => number };
}

const globalForMetrics = globalThis as unknown as { __yishiMetrics?: Metrics };

function createMetrics(): Metrics {
  const registry = new client.Registry();
  // Includes nodejs_eventloop_lag_seconds and its percentiles (perf_hooks.monitorEventLoopDelay).
  client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const socketCount = { read: () => 0 };
  new client.Gauge({
    name: "yishi_socket_connections",
    help: "Live socket.io connections on this process",
    registers: [registry],
    collect() {
      this.set(socketCount.read());
    },
  });
  return {
    registry,
    socketCount,
    httpDuration: new client.Histogram({
      name: "yishi_http_request_duration_seconds",
      help: "Time from request to the end of the response, by route pattern",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    ballotsAcked: new client.Counter({
      name: "yishi_ballots_acked_total",
      help: "Ballots stored and acknowledged to the voter's phone",
      registers: [registry],
    }),
  };
}

export function metrics(): Metrics {
  globalForMetrics.__yishiMetrics ??= createMetrics();
  return globalForMetrics.__yishiMetrics;
}

/** Called where a ballot's ack is sent, once per stored ballot (replays included: the phone got an answer). */
export function countBallotAcked(): void {
  metrics().ballotsAcked.inc();
}

export function countSocketsWith(read: () => number): void {
  metrics().socketCount.read = read;
}

/**
 * A route label with ids taken out, so the number of series stays small whatever addresses are requested:
 * `/c/songmuchang/issues/12` → `/c/:community/issues/:id`. Answers that matched no page are one label.
 */
export function routeLabel(pathname: string, status: number): string {
  if (status === 404) return "(unmatched)";
  if (pathname.startsWith("/assets/")) return "/assets/*";
  if (pathname.startsWith("/uploads/")) return "/uploads/*";
  const segments = pathname
    .replace(/\.data$/, "")
    .split("/")
    .filter(Boolean);
  const labelled = segments.map((segment, index) => {
    if (index === 1 && segments[0] === "c") return ":community";
    if (index === 1 && segments[0] === "m") return ":code";
    if (index > 0 && /\d|^[a-z0-9_-]{16,}$/i.test(segment)) return ":id";
    return segment.length > 40 ? ":id" : segment;
  });
  return `/${labelled.slice(0, 5).join("/")}`;
}

export function timeRequests() {
  const { httpDuration } = metrics();
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const end = httpDuration.startTimer();
    res.on("finish", () => end({ method: req.method, route: routeLabel(req.path, res.statusCode), status: String(res.statusCode) }));
    next();
  };
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

function sameToken(given: string, expected: string): boolean {
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/**
 * Who may read /metrics: with METRICS_TOKEN set, whoever sends it as a bearer token; without it, only a
 * scraper on this machine connecting directly (a request relayed by a local proxy carries
 * X-Forwarded-For and is refused, so a proxy does not publish the figures by accident).
 */
export function mayReadMetrics(req: ExpressRequest, token: string | undefined): boolean {
  if (token) {
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    return given !== undefined && sameToken(given, token);
  }
  return LOOPBACK.has(req.socket.remoteAddress ?? "") && !req.headers["x-forwarded-for"] && !req.headers.forwarded;
}

export function serveMetrics(token: string | undefined) {
  return async (req: ExpressRequest, res: ExpressResponse) => {
    if (!mayReadMetrics(req, token)) {
      res.status(403).type("text").send("forbidden\n");
      return;
    }
    const { registry } = metrics();
    const body = await registry.metrics();
    // res.end, not res.send: Express would rewrite the exposition format's exact Content-Type.
    res.status(200).setHeader("Content-Type", registry.contentType);
    res.setHeader("Cache-Control", "no-store");
    res.end(body);
  };
}
