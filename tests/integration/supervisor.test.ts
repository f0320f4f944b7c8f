import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { supervisorNodeArgs } from "../../scripts/server-entry";
import type { TestDatabase } from "../helpers/databases";
import { freshSqlite } from "../helpers/databases";

/** `npm start` runs the server under a cluster primary: a killed server comes back by itself. */
const root = path.resolve(import.meta.dirname, "../..");

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    // A bounded poll: probe again shortly, until it answers or the deadline passes.
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("the supervised production server", () => {
  let database: TestDatabase;
  let supervisor: ChildProcess;
  let output = "";
  let url = "";

  const workerPids = () => [...output.matchAll(/"msg":"worker started","pid":(\d+)/g)].map((m) => Number(m[1]));
  const healthy = async () => ((await fetch(`${url}/healthz`)).ok ? true : undefined);

  beforeAll(async () => {
    database = await freshSqlite();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    supervisor = spawn(process.execPath, supervisorNodeArgs(root), {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: database.url,
        PORT: String(port),
        HOST: "127.0.0.1",
        SESSION_SECRET: "integration-test-secret-0123456789",
        LOG_LEVEL: "error",
        YISHI_RESTART_MIN_MS: "200",
        VITEST: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    supervisor.stdout?.on("data", (chunk) => (output += chunk));
    supervisor.stderr?.on("data", (chunk) => (output += chunk));
    await until("the first worker", healthy);
  });
  afterAll(async () => {
    if (supervisor?.exitCode === null) supervisor.kill("SIGKILL");
    await database?.drop();
  });

  it("serves again shortly after its server process is killed with SIGKILL", async () => {
    const [first] = workerPids();
    expect(first).toBeGreaterThan(0);
    process.kill(first, "SIGKILL");
    const second = await until("a new worker", async () => workerPids()[1]);
    expect(second).not.toBe(first);
    await until("the new worker to answer", healthy);
    expect(output).toContain('"msg":"worker died; restarting"');
  });

  it("shuts the server down gracefully and exits when asked to stop", async () => {
    const exited = new Promise<number | null>((resolve) => supervisor.on("exit", (code) => resolve(code)));
    supervisor.kill("SIGTERM");
    expect(await exited).toBe(0);
    const last = workerPids().at(-1) ?? 0;
    expect(() => process.kill(last, 0)).toThrow();
  });
});
