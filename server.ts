/**
 * One HTTP server for Express (Remix pages) and socket.io (live meetings).
 * Development: Vite in middleware mode with HMR on this same server. Production: the built app.
 * The database is the truth; this process keeps only caches, so any number of them can run side by side.
 */
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import crypto from "node:crypto";
import express from "express";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { pathToFileURL } from "node:url";
import type { ViteDevServer } from "vite";
import { systemClock } from "./app/infra/clock";
import { CSP_REPORT_PATH } from "./app/web/edge/csp-endpoint";
import { cspReportRoute } from "./app/web/edge/csp-reports.server";
import { createLogger, requestLogging } from "./app/web/edge/logging.server";
import { countSocketsWith, serveMetrics, timeRequests } from "./app/web/edge/metrics.server";
import { sendRefusal } from "./app/web/edge/refusal.server";
import { PageCache } from "./app/web/edge/page-cache.server";
import { createRemixHandler } from "./app/web/edge/remix-handler.server";
import { allowSameOriginHandshake, publicOriginOf, refuseCrossSiteWrites } from "./app/web/edge/same-origin.server";
import { startBackgroundJobs } from "./app/jobs/scheduler.server";
import { pushUnreadCounts } from "./app/web/notification-push.server";
import { stopTakingBallots } from "./app/realtime/broadcasts.server";
import { attachRealtime } from "./app/realtime/socket-server.server";
import { disconnectDb, getDb, pingDatabase } from "./app/infra/db.server";
import { getEnv } from "./app/infra/env.server";
import { onLocalWrite } from "./app/infra/local-writes";
import { getStorage } from "./app/infra/storage.server";

const env = getEnv();
const buildDir = env.YISHI_BUILD_DIR;
const production = env.NODE_ENV === "production";
const logger = createLogger(env.LOG_LEVEL);
const originPolicy = { publicOrigin: publicOriginOf(env.PUBLIC_URL) };

const app = express();
app.disable("x-powered-by");
if (env.TRUST_PROXY) app.set("trust proxy", env.TRUST_PROXY);
app.use(requestLogging(logger));
app.use(timeRequests());
// Pages are tens of KB: brotli's default 4 MB window only multiplies native buffers and full GCs under load
// (issue #11); a 256 KB window compresses them as well. Cached public pages arrive already compressed.
app.use(
  compression({
    brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_LGWIN]: 18 } },
  }),
);

const httpServer = http.createServer(app);
const io = await attachRealtime(httpServer, env, { allowRequest: allowSameOriginHandshake(originPolicy) });
countSocketsWith(() => io.engine.clientsCount);

app.get("/healthz", async (req, res) => {
  try {
    await pingDatabase(getDb());
    res.json({ ok: true, database: "up" });
  } catch (error) {
    req.log.error({ err: error }, "healthz: database check failed");
    res.status(503).json({ ok: false, database: "down" });
  }
});
app.get("/metrics", serveMetrics(env.METRICS_TOKEN));
app.use(cspReportRoute(logger));
// Every state-changing request from a browser must come from this site; CSP reports carry no cookies' authority.
app.use(refuseCrossSiteWrites(originPolicy, { exempt: [CSP_REPORT_PATH] }));

let vite: ViteDevServer | undefined;
if (production) {
  app.use("/assets", express.static(`${buildDir}/client/assets`, { immutable: true, maxAge: "1y" }));
  // Only addresses that name a file (favicon.svg): every page would otherwise cost a stat() of a missing file.
  app.get(/^\/[^/]+\.[a-z0-9]+$/i, express.static(`${buildDir}/client`, { maxAge: "1h" }));
} else {
  const { createServer } = await import("vite");
  vite = await createServer({ server: { middlewareMode: true, hmr: { server: httpServer } }, appType: "custom" });
  app.use(vite.middlewares);
  app.use(express.static("public", { maxAge: "1h" }));
}

// Production loads the page build (React, every route: ~1 s of CPU) on the first page request, or once the
// server has listened for a while: after a restart, a room of voters reconnects and rejoins in the first
// seconds, and their sockets need none of it (issue #8).
const PAGE_BUILD_WARM_UP_MS = 15_000;
let pageBuild: Promise<ServerBuild> | undefined;
const loadPageBuild = () =>
  (pageBuild ??= import(/* @vite-ignore */ pathToFileURL(path.resolve(buildDir, "server/index.js")).href) as Promise<ServerBuild>);
const build = vite ? () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild> : loadPageBuild;

// A write in this process (a form, a live-meeting event) empties it, so nobody reads their own change stale.
const pageCache = production && env.PAGE_CACHE === "on" ? new PageCache() : undefined;
if (pageCache) onLocalWrite(() => pageCache.clear());

app.all(
  "*",
  createRemixHandler({
    build,
    mode: env.NODE_ENV,
    pageCache,
    getLoadContext: (req) => ({
      db: getDb(),
      clock: systemClock,
      storage: getStorage(),
      cspNonce: crypto.randomBytes(16).toString("base64"),
      clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
      io,
    }),
  }),
);

// Whatever escapes a handler is logged with the request and answered with a translated page, not a stack trace.
app.use((error: unknown, req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
  req.log.error({ err: error }, "request failed");
  if (res.headersSent) return next(error);
  sendRefusal(req, res, "unexpected").catch(() => res.status(500).end());
});

const jobs =
  env.BACKGROUND_JOBS === "on"
    ? startBackgroundJobs(getDb(), systemClock, {
        intervalMs: env.YISHI_JOBS_INTERVAL_MS,
        notified: (userIds) => pushUnreadCounts(io, getDb(), userIds),
      })
    : null;

httpServer.listen(env.PORT, env.HOST, () => {
  console.log(`Yishi listening on http://localhost:${env.PORT} (${env.NODE_ENV}, ${env.DATABASE_URL.split(":")[0]})`);
  if (!vite) setTimeout(() => void loadPageBuild(), PAGE_BUILD_WARM_UP_MS).unref();
});

// Graceful shutdown: stop accepting, let in-flight requests finish, close sockets, then the database.
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} received, shutting down`);
  const force = setTimeout(() => {
    console.error("Shutdown took too long; exiting");
    process.exit(1);
  }, 10_000);
  force.unref();
  // Ballots first: refuse new ones as retryable, commit and ack those in flight, only then close sockets.
  await stopTakingBallots(io);
  const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
  await new Promise<void>((resolve) => io.close(() => resolve()));
  httpServer.closeIdleConnections();
  await closed;
  await jobs?.stop();
  await vite?.close();
  await disconnectDb();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
