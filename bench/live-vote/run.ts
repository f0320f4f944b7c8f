/**
 * Live-vote bench: the production server on a fresh SQLite database, N eligible checked-in voters with
 * sessions, N socket.io clients in a separate process, one poll, every client voting within a window.
 *
 *   YISHI_BUILD_DIR=build-b npx tsx bench/live-vote/run.ts --n 1000 [--window 2000]
 *   YISHI_BUILD_DIR=build-b npx tsx bench/live-vote/run.ts --n 2000 --connect-only
 *   npx tsx bench/live-vote/run.ts --kill --n 1000 [--policies legacy,browser]   (see kill.ts)
 *
 * Prints connected, acked, refused, lost, duplicates, ack latency p50/p99, cast→visible-in-tally p50/p99 and
 * the server's resident memory. Loopback only; every loop is bounded.
 */
import { fork, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { createDb } from "../../app/infra/db.server";
import { migrateDeploy } from "../../scripts/migrate";
import { serverNodeArgs } from "../../scripts/server-entry";
import { connect, createLiveWorld, request } from "../../tests/helpers/live-meeting";
import { runKillMode } from "./kill";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const N = Math.min(5000, Number(arg("n", "1000")));
const WINDOW_MS = Number(arg("window", "2000"));
const CONNECT_ONLY = args.includes("--connect-only");
const NO_JOIN = args.includes("--no-join");
const SECRET = "bench-secret-bench-secret-bench-secret";
const root = path.resolve(import.meta.dirname, "../..");

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** CPU time (user + system) the process has used, in ms. */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function main() {
  const dir = path.join(root, "bench/out", `live-vote-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  const url = `file:${path.join(dir, "bench.db")}`;
  await migrateDeploy(url);
  const db = createDb(url);
  const setupStart = Date.now();
  const world = await createLiveWorld(db, { voters: N, secret: SECRET });
  const cookiesFile = path.join(dir, "cookies.json");
  fs.writeFileSync(cookiesFile, JSON.stringify(world.voters.map((v) => v.cookie)));
  console.log(`setup: ${N} voters, sessions and a live meeting in ${Date.now() - setupStart} ms`);

  const port = await freePort();
  // BENCH_SERVER_FLAGS: extra Node flags for the server only (e.g. --trace-gc while investigating pauses).
  const serverFlags = (process.env.BENCH_SERVER_FLAGS ?? "").split(" ").filter(Boolean);
  const server = spawn(process.execPath, [...serverFlags, ...serverNodeArgs(root)], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url, PORT: String(port), HOST: "127.0.0.1", SESSION_SECRET: SECRET },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let serverLog = "";
  server.stdout.on("data", (c) => (serverLog += c));
  server.stderr.on("data", (c) => (serverLog += c));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (server.exitCode !== null) throw new Error(`server exited:\n${serverLog}`);
    if (
      await fetch(`${base}/healthz`)
        .then((r) => r.ok)
        .catch(() => false)
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = server.pid as number;
  const idleRss = rssMb(pid);
  let peakRss = idleRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(pid))), 100);

  // --processes k splits the clients over k processes. On this 2-core machine one is best: more processes
  // only compete with the server for the same cores.
  const PROCESSES = Math.max(1, Number(arg("processes", "1")));
  const share = Math.ceil(N / PROCESSES);
  const clients = Array.from({ length: PROCESSES }, (_, k) =>
    fork(
      path.join(import.meta.dirname, "clients.ts"),
      [
        JSON.stringify({
          url: base,
          meetingId: world.meetingId,
          cookiesFile,
          connectConcurrency: Math.ceil(50 / PROCESSES),
          noJoin: NO_JOIN,
          from: k * share,
          to: Math.min(N, (k + 1) * share),
        }),
      ],
      {
        execArgv: ["--import", "tsx"],
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      },
    ),
  );
  const nextMessages = <T>(type: string) =>
    Promise.all(
      clients.map(
        (child) =>
          new Promise<T>((resolve) => {
            const on = (m: { type: string }) => {
              if (m.type === type) {
                child.off("message", on);
                resolve(m as T);
              }
            };
            child.on("message", on);
          }),
      ),
    );
  const percentile = (values: number[], p: number) => {
    if (values.length === 0) return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  };

  const connectedParts = await nextMessages<{ connected: number; ms: number }>("connected");
  const connected = { connected: connectedParts.reduce((a, c) => a + c.connected, 0), ms: Math.max(...connectedParts.map((c) => c.ms)) };
  await new Promise((r) => setTimeout(r, 1000));
  const connectedRss = rssMb(pid);
  console.log(
    `connected: ${connected.connected}/${N} in ${connected.ms} ms; server RSS idle ${idleRss} MB, with ${connected.connected} clients ${connectedRss} MB`,
  );

  const figures: Record<string, unknown> = {
    n: N,
    windowMs: WINDOW_MS,
    connected: connected.connected,
    connectMs: connected.ms,
    rssIdleMb: idleRss,
    rssConnectedMb: connectedRss,
  };
  if (!CONNECT_ONLY) {
    const host = await connect(base, world.host.cookie);
    const opened = await request(host, "poll:open", {
      meetingId: world.meetingId,
      question: "压力测试：是否同意？",
      kind: "yes_no_abstain",
      ballotMode: "secret",
      passRule: "majority_cast",
    });
    if (!opened.ok) throw new Error(`could not open the poll: ${opened.reason}`);
    const pollId = opened.pollId as string;
    await new Promise((r) => setTimeout(r, Number(process.env.BENCH_READ_MS ?? 500)));
    const cpuBefore = cpuMs(pid);
    const keyPrefix = crypto.randomBytes(4).toString("hex");
    for (const child of clients) child.send({ type: "vote", pollId, windowMs: WINDOW_MS, keyPrefix });
    type Part = Record<string, number> & {
      reasons: Record<string, number>;
      ackedVoters: number[];
      ackLatency: number[];
      visibleLatency: number[];
      slowest: [number, number][];
    };
    const parts = await nextMessages<Part>("voted");
    const sum = (key: string) => parts.reduce((a, p) => a + (p[key] ?? 0), 0);
    const ackAll = parts.flatMap((p) => p.ackLatency);
    const visibleAll = parts.flatMap((p) => p.visibleLatency);
    const voted = {
      acked: sum("acked"),
      refused: sum("refused"),
      lost: sum("lost"),
      replays: sum("replays"),
      notVisible: sum("notVisible"),
      reasons: Object.assign({}, ...parts.map((p) => p.reasons)) as Record<string, number>,
      ackedVoters: parts.flatMap((p) => p.ackedVoters),
      ackP50: percentile(ackAll, 50),
      ackP99: percentile(ackAll, 99),
      ackMax: Math.max(...ackAll),
      visibleP50: percentile(visibleAll, 50),
      visibleP99: percentile(visibleAll, 99),
      ms: Math.max(...parts.map((p) => p.ms)),
      slowest: parts
        .flatMap((p) => p.slowest)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 12),
      clientLoopDelayP99Ms: Math.max(...parts.map((p) => p.clientLoopDelayP99Ms)),
      clientLoopDelayMaxMs: Math.max(...parts.map((p) => p.clientLoopDelayMaxMs)),
    };
    figures.serverCpuDuringVoteMs = Math.round(cpuMs(pid) - cpuBefore);
    const records = await db.voteRecord.findMany({ where: { pollId }, select: { voterId: true } });
    const distinct = new Set(records.map((r) => r.voterId));
    const ackedIds = voted.ackedVoters.map((i) => world.voters[i].participantId as string);
    const ackedMissing = ackedIds.filter((id) => !distinct.has(id)).length;
    const closed = await request(host, "poll:close", { pollId });
    host.disconnect();
    Object.assign(figures, {
      acked: voted.acked,
      refused: voted.refused,
      refusedReasons: voted.reasons,
      lost: voted.lost + ackedMissing,
      duplicates: records.length - distinct.size,
      replays: voted.replays,
      storedVotes: records.length,
      resultBallots: (closed.result as { ballotsElectronic?: number } | undefined)?.ballotsElectronic,
      notVisibleWithin5s: voted.notVisible,
      ackP50Ms: voted.ackP50,
      ackP99Ms: voted.ackP99,
      ackMaxMs: voted.ackMax,
      visibleP50Ms: voted.visibleP50,
      visibleP99Ms: voted.visibleP99,
      voteWindowMs: voted.ms,
      slowestAcks: voted.slowest,
      clientLoopDelayP99Ms: voted.clientLoopDelayP99Ms,
      clientLoopDelayMaxMs: voted.clientLoopDelayMaxMs,
    });
  }
  clearInterval(sampler);
  figures.rssPeakMb = peakRss;
  for (const child of clients) child.send({ type: "close" });
  await Promise.all(clients.map((child) => new Promise((r) => child.once("exit", r))));
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  await db.$disconnect();
  fs.writeFileSync(path.join(dir, "figures.json"), JSON.stringify(figures, null, 2));
  fs.writeFileSync(path.join(dir, "server.log"), serverLog);
  console.log(JSON.stringify(figures, null, 2));
  fs.rmSync(path.join(dir, "bench.db"), { force: true });
}

// --kill: SIGKILL the server mid-vote and restart it, once with the old retry policy and once with the new.
const run = args.includes("--kill")
  ? () => runKillMode(N, WINDOW_MS, arg("policies", "legacy,browser").split(",") as ("legacy" | "browser")[])
  : main;
run().catch((error) => {
  console.error(error);
  process.exit(1);
});
