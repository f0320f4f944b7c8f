/**
 * A baseline server for the same run as the production one: a standalone TypeScript file (compile.ts) on
 * plain node with production's V8 flags, on a free loopback port, waited for until /healthz answers, owned
 * by the bench (it dies with it).
 */
import { spawn } from "node:child_process";
import { PRODUCTION_NODE_FLAGS } from "../../scripts/server-entry";
import { exited, ownChild, stopChild } from "./children";
import { compileStandalone } from "./compile";
import type { RunningServer } from "./production-server";
import { healthy } from "./production-server";
import { freePort } from "./system";

/** Starts `tsFile` with `config` plus `{ port }` as its one JSON argument. */
export async function startStandaloneServer(tsFile: string, outDir: string, config: Record<string, unknown> = {}): Promise<RunningServer> {
  const script = compileStandalone(tsFile, outDir);
  const port = await freePort();
  const started = Date.now();
  let log = "";
  const child = ownChild(
    spawn(process.execPath, [...PRODUCTION_NODE_FLAGS, script, JSON.stringify({ ...config, port })], {
      env: { ...process.env, NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  child.stdout.on("data", (c) => (log += c));
  child.stderr.on("data", (c) => (log += c));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (!(await healthy(url))) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${script} exited:\n${log.slice(-4000)}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${script} never became healthy:\n${log.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    pid: child.pid as number,
    port,
    url,
    startMs: Date.now() - started,
    log: () => log,
    stop: () => stopChild(child),
    async kill() {
      child.kill("SIGKILL");
      await exited(child);
    },
  };
}
