/**
 * The production server as the benches run it: the compiled build on plain node with production's V8 flags
 * (scripts/server-entry.ts), NODE_ENV=production, on 127.0.0.1, against the bench's own database, started
 * and waited for until /healthz answers. The process is owned by the bench (children.ts): it dies with it.
 */
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { serverNodeArgs } from "../../scripts/server-entry";
import { exited, ownChild, stopChild } from "./children";
import { freePort } from "./system";

const root = path.resolve(import.meta.dirname, "../..");

export interface ServerOptions {
  databaseUrl: string;
  /** SESSION_SECRET: the bench signs its cookies with the same one. */
  secret: string;
  /** A fixed port, e.g. to start a killed server again where its clients reconnect; otherwise a free one. */
  port?: number;
  /** Extra environment (BACKGROUND_JOBS, LOG_LEVEL, …), over the bench's own. */
  env?: Record<string, string>;
  /** Node flags after production's own, so they can override them (e.g. --cpu-prof, --max-semi-space-size=16). */
  nodeFlags?: string[];
  /** Send the server's stdout and stderr to this file (request logs at volume) instead of keeping them in memory. */
  logFile?: string;
  /** How long to wait for /healthz. */
  timeoutMs?: number;
}

export interface RunningServer {
  child: ChildProcess;
  pid: number;
  port: number;
  url: string;
  /** ms from spawn to the first healthy /healthz. */
  startMs: number;
  /** Everything the server printed so far. */
  log(): string;
  /** SIGTERM and wait for the graceful shutdown (SIGKILL after 15 s). */
  stop(): Promise<void>;
  /** SIGKILL: dies mid-flight, as on a crash. */
  kill(): Promise<void>;
}

/** `flags` just before the script (the last argument), after production's flags: Node takes a flag's last value. */
function withFlags(nodeArgs: string[], flags: string[]): string[] {
  return [...nodeArgs.slice(0, -1), ...flags, ...nodeArgs.slice(-1)];
}

/** Whether `url` answers /healthz with 200 within `timeoutMs`. */
export async function healthy(url: string, timeoutMs = 2_000): Promise<boolean> {
  return fetch(`${url}/healthz`, { signal: AbortSignal.timeout(timeoutMs) })
    .then((r) => r.ok)
    .catch(() => false);
}

export async function startProductionServer(options: ServerOptions): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const started = Date.now();
  let memoryLog = "";
  let logFd: number | null = null;
  if (options.logFile) logFd = fs.openSync(options.logFile, "a");
  const child = ownChild(
    spawn(process.execPath, withFlags(serverNodeArgs(root), options.nodeFlags ?? []), {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: options.databaseUrl,
        PORT: String(port),
        HOST: "127.0.0.1",
        SESSION_SECRET: options.secret,
        ...options.env,
      },
      stdio: ["ignore", logFd ?? "pipe", logFd ?? "pipe"],
    }),
  );
  if (logFd !== null) fs.closeSync(logFd);
  child.stdout?.on("data", (c) => (memoryLog += c));
  child.stderr?.on("data", (c) => (memoryLog += c));
  const log = () => (options.logFile ? fs.readFileSync(options.logFile, "utf8") : memoryLog);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited:\n${log().slice(-4000)}`);
    if (await healthy(url)) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server never became healthy:\n${log().slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    pid: child.pid as number,
    port,
    url,
    startMs: Date.now() - started,
    log,
    stop: () => stopChild(child),
    async kill() {
      child.kill("SIGKILL");
      await exited(child);
    },
  };
}
