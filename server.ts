/**
 * One HTTP server for Express (Remix pages) and socket.io (live meetings).
 * Development: Vite in middleware mode with HMR on this same server. Production: the built app.
 * The database is the truth; this process keeps only caches, so any number of them can run side by side.
 */
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import crypto from "node:crypto";
import express from "express";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ViteDevServer } from "vite";
import { systemClock } from "./app/domain/clock";
import { startBackgroundJobs } from "./app/jobs/scheduler.server";
import { stopTakingBallots } from "./app/realtime/live.server";
import { attachRealtime } from "./app/realtime/server.server";
import { disconnectDb, getDb } from "./app/utils/db.server";
import { getEnv } from "./app/utils/env.server";

const env = getEnv();
const buildDir = process.env.YISHI_BUILD_DIR ?? "build";
const production = env.NODE_ENV === "production";

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
app.use(compression());

const httpServer = http.createServer(app);
const io = await attachRealtime(httpServer, env);

app.get("/healthz", async (_req, res) => {
  try {
    await getDb().$queryRawUnsafe("SELECT 1");
    res.json({ ok: true, database: "up" });
  } catch (error) {
    console.error("[healthz] database check failed", error);
    res.status(503).json({ ok: false, database: "down" });
  }
});

let vite: ViteDevServer | undefined;
if (production) {
  app.use("/assets", express.static(`${buildDir}/client/assets`, { immutable: true, maxAge: "1y" }));
  app.use(express.static(`${buildDir}/client`, { maxAge: "1h" }));
} else {
  const { createServer } = await import("vite");
  vite = await createServer({ server: { middlewareMode: true, hmr: { server: httpServer } }, appType: "custom" });
  app.use(vite.middlewares);
  app.use(express.static("public", { maxAge: "1h" }));
}

const build = vite
  ? () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>
  : ((await import(/* @vite-ignore */ pathToFileURL(path.resolve(buildDir, "server/index.js")).href)) as ServerBuild);

app.all(
  "*",
  createRequestHandler({
    build,
    mode: env.NODE_ENV,
    getLoadContext: (req) => ({
      cspNonce: crypto.randomBytes(16).toString("base64"),
      clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
      io,
    }),
  }),
);

const jobs = env.BACKGROUND_JOBS === "on" ? startBackgroundJobs(getDb(), systemClock) : null;

httpServer.listen(env.PORT, env.HOST, () => {
  console.log(`Yishi listening on http://localhost:${env.PORT} (${env.NODE_ENV}, ${env.DATABASE_URL.split(":")[0]})`);
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
