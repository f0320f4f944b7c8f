import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { serverNodeArgs } from "../../scripts/server-entry";

export interface RunningServer {
  url: string;
  port: number;
  /** The server's process id, for reading its memory from /proc. */
  pid: number;
  /** SIGTERM and wait for a graceful exit. */
  stop(): Promise<number | null>;
  /** SIGKILL: the process dies mid-flight, as on a crash. */
  kill(): Promise<void>;
  output(): string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

const root = path.resolve(import.meta.dirname, "../..");

/** Starts the production build (`npm run build` first) on its own port against the given database. */
export async function startServer(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningServer> {
  // A restart "in place" (same port) lets reconnecting clients find the new process, as behind a proxy.
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, serverNodeArgs(root), {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      SESSION_SECRET: "integration-test-secret-0123456789",
      VITEST: "",
      // Request logs are for operators; a test asks for them (LOG_LEVEL) when it checks them.
      LOG_LEVEL: "error",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (chunk) => (log += chunk));
  child.stderr.on("data", (chunk) => (log += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not become healthy:\n${log}`);
    }
    // A bounded poll: until /healthz answers or the deadline above passes.
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    pid: child.pid ?? 0,
    async stop() {
      child.kill("SIGTERM");
      return exited;
    },
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
    output: () => log,
  };
}
