/**
 * `npm start` / `npm run app`: a small primary process (Node's `cluster`) that runs the server as one
 * worker and starts it again when it dies (an out-of-memory abort, a crash, kill -9), waiting longer after
 * each quick failure: 1 s, 2 s, 4 s … up to 30 s, back to 1 s once a worker has served for a minute. A
 * worker that dies before it ever listens, five times in a row, is a configuration error: the supervisor
 * gives up with its exit code instead of looping. SIGTERM/SIGINT are passed on for a graceful shutdown.
 * Production under systemd can use systemd as the supervisor instead (docs/deploy.md).
 */
import cluster from "node:cluster";
import type { Worker } from "node:cluster";
import path from "node:path";
import { PRODUCTION_NODE_FLAGS } from "./server-entry";

const MIN_DELAY_MS = Number(process.env.YISHI_RESTART_MIN_MS ?? 1_000);
const MAX_DELAY_MS = 30_000;
const HEALTHY_AFTER_MS = 60_000;
const MAX_FAILED_STARTS = 5;

const log = (level: "info" | "error", msg: string, fields: Record<string, unknown> = {}) =>
  (level === "error" ? console.error : console.info)(
    JSON.stringify({ level, time: Date.now(), service: "yishi-supervisor", msg, ...fields }),
  );

// The worker's own listening socket: connections go straight to it, not through this process.
cluster.schedulingPolicy = cluster.SCHED_NONE;
cluster.setupPrimary({
  exec: path.resolve(import.meta.dirname, "server.js"),
  execArgv: PRODUCTION_NODE_FLAGS,
});

let delay = MIN_DELAY_MS;
let failedStarts = 0;
let stopping = false;
let current: Worker | null = null;

function start() {
  const startedAt = Date.now();
  let listened = false;
  const worker = cluster.fork();
  current = worker;
  log("info", "worker started", { pid: worker.process.pid });
  worker.on("listening", () => {
    listened = true;
    failedStarts = 0;
  });
  worker.on("exit", (code, signal) => {
    current = null;
    if (stopping) {
      log("info", "worker stopped", { pid: worker.process.pid, code, signal });
      process.exit(code ?? 0);
    }
    const uptime = Date.now() - startedAt;
    if (!listened && ++failedStarts >= MAX_FAILED_STARTS) {
      log("error", "worker keeps failing before it listens; giving up", { code, signal, failedStarts });
      process.exit(code || 1);
    }
    delay = uptime >= HEALTHY_AFTER_MS ? MIN_DELAY_MS : Math.min(delay * 2, MAX_DELAY_MS);
    const wait = uptime >= HEALTHY_AFTER_MS ? MIN_DELAY_MS : delay;
    log("error", "worker died; restarting", { pid: worker.process.pid, code, signal, uptimeMs: uptime, restartInMs: wait });
    setTimeout(start, wait);
  });
}

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    if (!current) process.exit(0);
    current.process.kill(signal);
  });
}

start();
