import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
export const NGINX = "/usr/sbin/nginx";
/** The configuration operators install (docs/deploy.md); the tests run it, not a copy. */
export const DEPLOYED_CONFIG = path.join(root, "docs/deploy/nginx.conf");

export interface RunningNginx {
  url: string;
  port: number;
  stop(): Promise<void>;
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

/**
 * docs/deploy/nginx.conf for a test: the processes' ports in both upstreams, plain HTTP on a free
 * loopback port instead of the TLS server names and certificates, everything else as deployed.
 */
export function testConfig(deployed: string, upstreamPorts: readonly number[], listenPort: number): string {
  const servers = (indent: string, extra: string) => upstreamPorts.map((p) => `${indent}server 127.0.0.1:${p}${extra};`).join("\n");
  let config = deployed.replace(
    /^( +)server 127\.0\.0\.1:\d+([^;\n]*);\n(?:\1server 127\.0\.0\.1:\d+[^;\n]*;\n)*/gm,
    (_m, indent: string, extra: string) => {
      return `${servers(indent, extra)}\n`;
    },
  );
  // The port-80 redirect goes; the TLS server listens on the test's port without TLS.
  config = config.replace(/server \{\n {4}listen 80;[\s\S]*?\n\}\n/, "");
  config = config
    .replace(/^ {4}listen 443 ssl http2;\n/m, `    listen 127.0.0.1:${listenPort};\n`)
    .replace(/^ {4}listen \[::\]:443 ssl http2;\n/m, "")
    .replace(/^ {4}ssl_[^\n]*\n/gm, "")
    .replace(/^ {4}add_header Strict-Transport-Security[^\n]*\n/m, "");
  if (config.includes("ssl") || config.includes(":3001")) throw new Error("docs/deploy/nginx.conf changed shape; update testConfig");
  return config;
}

/** nginx (Debian's, installed by scripts/install-nginx.sh) with its own prefix, in front of `upstreamPorts`. */
export async function startNginx(upstreamPorts: readonly number[]): Promise<RunningNginx> {
  const port = await freePort();
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "yishi-nginx-"));
  // Workers may run as nobody when the tests run as root: they must be able to use the temp folders.
  fs.chmodSync(prefix, 0o777);
  const site = testConfig(fs.readFileSync(DEPLOYED_CONFIG, "utf8"), upstreamPorts, port);
  const main = `worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
${site}
}
`;
  fs.writeFileSync(path.join(prefix, "nginx.conf"), main);
  const child = spawn(NGINX, ["-p", prefix, "-c", path.join(prefix, "nginx.conf"), "-g", "daemon off;"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (c) => (log += c));
  child.stderr.on("data", (c) => (log += c));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited:\n${log}`);
    const listening = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (listening) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`nginx did not listen:\n${log}`);
    }
    // A bounded poll: until nginx accepts connections or the deadline passes.
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    port,
    async stop() {
      // By its PID (the master), never by name: other nginx processes on the machine are not ours.
      child.kill("SIGQUIT");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
      fs.rmSync(prefix, { recursive: true, force: true });
    },
  };
}
