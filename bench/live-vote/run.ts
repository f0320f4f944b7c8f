/**
 * Live-vote bench: N socket.io clients in separate processes, one poll, every client voting within a window,
 * against two servers in the same invocation, one after the other:
 *
 *   baseline  baseline-server.ts: the least a server must do for this (plain Node + socket.io + better-sqlite3)
 *   yishi     the production server on a fresh SQLite database with N eligible checked-in voters with sessions
 *
 *   npm run build   (or YISHI_BUILD_DIR=build-b npx remix vite:build)
 *   npx tsx bench/live-vote/run.ts --n 1000 [--window 2000] [--no-baseline] [--processes k]
 *   npx tsx bench/live-vote/run.ts --n 5000 --window 5000
 *   npx tsx bench/live-vote/run.ts --n 2000 --connect-only
 *   npx tsx bench/live-vote/run.ts --kill --n 1000 [--policies legacy,browser]   (see kill.ts; no baseline)
 *
 * Prints for each server: connected, acked, refused, lost, duplicates, ack latency p50/p99, cast→visible-in-tally
 * p50/p99, connect+join time, resident memory idle/connected/peak, server CPU while joining and voting, and the
 * capacity figures derived from them (memory per connection, CPU per join, CPU per ballot); then Yishi ÷ baseline.
 * Loopback only; every loop and wait is bounded.
 */
import type { ChildProcess } from "node:child_process";
import { execFileSync, fork } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createDb } from "../../app/infra/db.server";
import { migrateDeploy } from "../../scripts/migrate";
import type { TestSocket } from "../../tests/helpers/live-meeting";
import { connect, createLiveWorld, request } from "../../tests/helpers/live-meeting";
import { exited, ownChild } from "../lib/children";
import type { RunningServer } from "../lib/production-server";
import { startProductionServer } from "../lib/production-server";
import { startStandaloneServer } from "../lib/standalone-server";
import { cpuMs, loadAverage, peakRssSampler, percentile, rssMb } from "../lib/system";
import { baselineStored, createBaselineWorld } from "./baseline-world";
import { runKillMode } from "./kill";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const N = Math.min(5000, Number(arg("n", "1000")));
const WINDOW_MS = Math.min(60_000, Number(arg("window", "2000")));
const CONNECT_ONLY = args.includes("--connect-only");
const NO_JOIN = args.includes("--no-join");
// --servers baseline,yishi (the default; --no-baseline is --servers yishi): which servers, in this order.
const SERVERS = (args.includes("--no-baseline") ? "yishi" : arg("servers", "baseline,yishi")).split(",");
// Sockets per client process. One process is best on this 2-core machine up to a few thousand sockets (more
// processes only compete with the server for the same cores); beyond that one process's event loop, which
// receives every tally broadcast on every socket, would lag and add its delay to every latency measured.
const SOCKETS_PER_PROCESS = 2500;
const PROCESSES = Math.max(1, Number(arg("processes", String(Math.ceil(N / SOCKETS_PER_PROCESS)))));
// --baseline-commit each: the baseline commits every ballot in its own transaction (default: one per event-loop turn).
const BASELINE_COMMIT = arg("baseline-commit", "turn");
const SECRET = "bench-secret-bench-secret-bench-secret";
const root = path.resolve(import.meta.dirname, "../..");

/** What the bench does with one server: the same clients, the same poll shape, the same checks. */
interface Target {
  name: "baseline" | "yishi";
  cookiesFile: string;
  meetingId: string;
  start(): Promise<RunningServer>;
  openPoll(url: string): Promise<string>;
  /** Before the idle figures: make the server hold what it holds in service (Yishi loads its pages lazily). */
  warmUp?(url: string): Promise<void>;
  /** After the vote: what was stored for the acked voters (indices into the cookies); closes the poll. */
  settle(
    pollId: string,
    ackedVoters: number[],
  ): Promise<{ stored: number; duplicates: number; ackedMissing: number; resultBallots?: number; closeError?: string }>;
}

type Figures = Record<string, unknown> & { n: number };

/** The soft limit on open files; each socket is one on each side. */
function openFileLimit(): number {
  try {
    return Number(execFileSync("sh", ["-c", "ulimit -n"], { encoding: "utf8" }).trim());
  } catch {
    return NaN;
  }
}

/** Resolves with the next message of `type` from every child; rejects if one exits first or after `ms`. */
function fromAll<T>(children: ChildProcess[], type: string, ms: number): Promise<T[]> {
  return Promise.all(
    children.map(
      (child) =>
        new Promise<T>((resolve, reject) => {
          const timer = setTimeout(() => done(new Error(`no "${type}" from a client process within ${ms} ms`)), ms);
          const onMessage = (m: { type: string }) => m.type === type && done(null, m as T);
          const onExit = (code: number | null) => done(new Error(`a client process exited (${code}) before "${type}"`));
          function done(error: Error | null, value?: T) {
            clearTimeout(timer);
            child.off("message", onMessage);
            child.off("exit", onExit);
            if (error) reject(error);
            else resolve(value as T);
          }
          child.on("message", onMessage);
          child.once("exit", onExit);
        }),
    ),
  );
}

/**
 * Runs the clients against one server. Whatever fails on the way (a server too busy to open the poll, a client
 * process gone), the figures gathered so far are kept with the error, the server's log is written to
 * `<dir>/<name>-server.log` and every process is stopped.
 */
async function measure(target: Target, dir: string): Promise<Figures> {
  const figures: Figures = { n: N, windowMs: WINDOW_MS, clientProcesses: PROCESSES };
  const clients: ChildProcess[] = [];
  const server = await target.start();
  try {
    await drive(target, server, clients, figures);
  } catch (error) {
    figures.error = error instanceof Error ? error.message : String(error);
    console.error(`[${target.name}] failed: ${figures.error}`);
  } finally {
    for (const child of clients) if (child.connected) child.send({ type: "close" });
    await Promise.race([Promise.all(clients.map(exited)), new Promise((r) => setTimeout(r, 10_000))]);
    for (const child of clients) child.kill("SIGKILL");
    fs.writeFileSync(path.join(dir, `${target.name}-server.log`), server.log());
    await server.stop();
  }
  return figures;
}

async function drive(target: Target, server: RunningServer, clients: ChildProcess[], figures: Figures): Promise<void> {
  const pid = server.pid;
  figures.serverStartMs = server.startMs;
  await target.warmUp?.(server.url);
  // Let start-up settle before taking the idle figures.
  await new Promise((r) => setTimeout(r, 1000));
  const idleRss = rssMb(pid);
  figures.rssIdleMb = idleRss;
  const peak = peakRssSampler(pid);
  const cpuBeforeConnect = cpuMs(pid);
  const share = Math.ceil(N / PROCESSES);
  for (let k = 0; k < PROCESSES; k++)
    clients.push(
      ownChild(
        fork(
          path.join(import.meta.dirname, "clients.ts"),
          [
            JSON.stringify({
              url: server.url,
              meetingId: target.meetingId,
              cookiesFile: target.cookiesFile,
              connectConcurrency: Math.ceil(50 / PROCESSES),
              noJoin: NO_JOIN,
              from: k * share,
              to: Math.min(N, (k + 1) * share),
            }),
          ],
          { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] },
        ),
      ),
    );
  const clientsCpu = () => clients.reduce((a, c) => a + cpuMs(c.pid as number), 0);
  const connectedParts = await fromAll<{ connected: number; ms: number }>(clients, "connected", 600_000);
  const connectCpu = cpuMs(pid) - cpuBeforeConnect;
  // Includes the client processes' start-up (tsx, socket.io-client): the bench side's own cost.
  const clientCpuConnect = clientsCpu();
  const connected = connectedParts.reduce((a, c) => a + c.connected, 0);
  const connectMs = Math.max(...connectedParts.map((c) => c.ms));
  // One quiet second with everyone connected: the memory they hold, and what pings alone cost.
  const cpuBeforeIdle = cpuMs(pid);
  await new Promise((r) => setTimeout(r, 1000));
  const idleConnectedCpuPerS = cpuMs(pid) - cpuBeforeIdle;
  const connectedRss = rssMb(pid);
  console.log(
    `[${target.name}] connected: ${connected}/${N} in ${connectMs} ms (${PROCESSES} client process${PROCESSES > 1 ? "es" : ""}); server RSS idle ${idleRss} MB, with ${connected} clients ${connectedRss} MB`,
  );

  Object.assign(figures, {
    connected,
    connectMs,
    rssIdleMb: idleRss,
    rssConnectedMb: connectedRss,
    serverCpuConnectMs: Math.round(connectCpu),
    clientCpuConnectMs: Math.round(clientCpuConnect),
    serverCpuIdleConnectedMsPerS: Math.round(idleConnectedCpuPerS),
    memoryPerConnectionKb: connected ? Math.round(((connectedRss - idleRss) * 1024) / connected) : NaN,
    cpuMsPerJoin: connected ? Number((connectCpu / connected).toFixed(2)) : NaN,
  });
  try {
    if (!CONNECT_ONLY) await vote(target, server, clients, figures);
  } finally {
    peak.stop();
    figures.rssPeakMb = peak.peak();
  }
}

async function vote(target: Target, server: RunningServer, clients: ChildProcess[], figures: Figures): Promise<void> {
  const pid = server.pid;
  const clientsCpu = () => clients.reduce((a, c) => a + cpuMs(c.pid as number), 0);
  const openStarted = Date.now();
  const pollId = await target.openPoll(server.url);
  // How long Yishi's host waited for the poll to open, with everyone connected (the baseline's is open already).
  if (target.name === "yishi") figures.pollOpenMs = Date.now() - openStarted;
  await new Promise((r) => setTimeout(r, Number(process.env.BENCH_READ_MS ?? 500)));
  const cpuBefore = cpuMs(pid);
  const clientCpuBefore = clientsCpu();
  const keyPrefix = crypto.randomBytes(4).toString("hex");
  for (const child of clients) child.send({ type: "vote", pollId, windowMs: WINDOW_MS, keyPrefix });
  type Part = Record<string, number> & {
    reasons: Record<string, number>;
    ackedVoters: number[];
    ackLatency: number[];
    visibleLatency: number[];
    slowest: [number, number][];
  };
  // Every ballot is answered or given up within 10 s of its cast, and seen in a tally within 5 s more.
  const parts = await fromAll<Part>(clients, "voted", WINDOW_MS + 60_000);
  const voteCpu = cpuMs(pid) - cpuBefore;
  const clientVoteCpu = clientsCpu() - clientCpuBefore;
  const sum = (key: string) => parts.reduce((a, p) => a + (p[key] ?? 0), 0);
  const ackAll = parts.flatMap((p) => p.ackLatency);
  const visibleAll = parts.flatMap((p) => p.visibleLatency);
  const acked = sum("acked");
  const lostUnanswered = sum("lost");
  Object.assign(figures, {
    acked,
    refused: sum("refused"),
    refusedReasons: Object.assign({}, ...parts.map((p) => p.reasons)) as Record<string, number>,
    lost: lostUnanswered,
    lostDisconnected: sum("lostDisconnected"),
    notVisibleWithin5s: sum("notVisible"),
    ackP50Ms: percentile(ackAll, 50),
    ackP99Ms: percentile(ackAll, 99),
    ackMaxMs: Math.max(...ackAll),
    visibleP50Ms: percentile(visibleAll, 50),
    visibleP99Ms: percentile(visibleAll, 99),
    voteWindowMs: Math.max(...parts.map((p) => p.ms)),
    serverCpuDuringVoteMs: Math.round(voteCpu),
    clientCpuDuringVoteMs: Math.round(clientVoteCpu),
    cpuMsPerBallot: acked ? Number((voteCpu / acked).toFixed(2)) : NaN,
    slowestAcks: parts
      .flatMap((p) => p.slowest)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12),
    clientLoopDelayP99Ms: Math.max(...parts.map((p) => p.clientLoopDelayP99Ms)),
    clientLoopDelayMaxMs: Math.max(...parts.map((p) => p.clientLoopDelayMaxMs)),
  });
  // Then what the database holds (acked but missing counts as lost).
  const stored = await target.settle(
    pollId,
    parts.flatMap((p) => p.ackedVoters),
  );
  Object.assign(figures, {
    lost: lostUnanswered + stored.ackedMissing,
    // Ballots stored although their client gave up waiting for the answer.
    storedLate: stored.stored - acked + stored.ackedMissing,
    duplicates: stored.duplicates,
    storedVotes: stored.stored,
    resultBallots: stored.resultBallots,
    pollCloseError: stored.closeError,
  });
}

function yishiTarget(
  dir: string,
  url: string,
  db: ReturnType<typeof createDb>,
  world: Awaited<ReturnType<typeof createLiveWorld>>,
): Target {
  const cookiesFile = path.join(dir, "cookies.json");
  fs.writeFileSync(cookiesFile, JSON.stringify(world.voters.map((v) => v.cookie)));
  let host: TestSocket | null = null;
  let base = "";
  // BENCH_SERVER_FLAGS: extra Node flags for the server only (e.g. --trace-gc while investigating pauses).
  const nodeFlags = (process.env.BENCH_SERVER_FLAGS ?? "").split(" ").filter(Boolean);
  return {
    name: "yishi",
    cookiesFile,
    meetingId: world.meetingId,
    start: () => startProductionServer({ databaseUrl: url, secret: SECRET, nodeFlags }),
    // A server in service has its pages loaded too (server.ts loads them on the first page request).
    async warmUp(serverUrl) {
      await fetch(`${serverUrl}/login`).then((r) => r.text());
    },
    async openPoll(serverUrl) {
      base = serverUrl;
      // Generous waits: with thousands of phones connected the server may take a while to answer the host.
      host = await connect(serverUrl, world.host.cookie);
      const opened = await request(
        host,
        "poll:open",
        {
          meetingId: world.meetingId,
          question: "压力测试：是否同意？",
          kind: "yes_no_abstain",
          ballotMode: "secret",
          passRule: "majority_cast",
        },
        60_000,
      );
      if (!opened.ok) throw new Error(`could not open the poll: ${opened.reason}`);
      return opened.pollId as string;
    },
    async settle(pollId, ackedVoters) {
      // Ballots a client gave up on may still be queued on a busy server: wait until the count stops moving.
      const count = () => db.voteRecord.count({ where: { pollId } });
      let last = await count();
      for (let i = 0; i < 30; i++) {
        await new Promise((r) => setTimeout(r, 1000));
        const now = await count();
        if (now === last) break;
        last = now;
      }
      const records = await db.voteRecord.findMany({ where: { pollId }, select: { voterId: true } });
      const distinct = new Set(records.map((r) => r.voterId));
      const ackedMissing = ackedVoters.filter((i) => !distinct.has(world.voters[i].participantId as string)).length;
      // The host's connection may have dropped while the server was busy: close from a fresh one then.
      let closed: Awaited<ReturnType<typeof request>> | null = null;
      let closeError: string | undefined;
      try {
        if (!host?.connected) {
          host?.disconnect();
          host = await connect(base, world.host.cookie);
        }
        closed = await request(host, "poll:close", { pollId }, 60_000);
      } catch (error) {
        closeError = `poll:close: ${error instanceof Error ? error.message : String(error)}`;
      }
      host?.disconnect();
      return {
        stored: records.length,
        duplicates: records.length - distinct.size,
        ackedMissing,
        closeError,
        resultBallots: (closed?.result as { ballotsElectronic?: number } | undefined)?.ballotsElectronic,
      };
    },
  };
}

function baselineTarget(dir: string): Target {
  const file = path.join(dir, "baseline.db");
  const world = createBaselineWorld(file, N);
  const cookiesFile = path.join(dir, "baseline-cookies.json");
  fs.writeFileSync(cookiesFile, JSON.stringify(world.cookies));
  return {
    name: "baseline",
    cookiesFile,
    meetingId: world.meetingId,
    start: () =>
      startStandaloneServer(path.join(import.meta.dirname, "baseline-server.ts"), dir, { dbFile: file, commit: BASELINE_COMMIT }),
    openPoll: async () => world.pollId,
    async settle(pollId, ackedVoters) {
      return baselineStored(
        file,
        pollId,
        ackedVoters.map((i) => world.voterIds[i]),
      );
    },
  };
}

function compare(yishi: Figures | undefined, baseline: Figures | undefined) {
  const rows: [label: string, ratios: string, show: (f: Figures) => string][] = [];
  const num =
    (key: string, digits = 0) =>
    (f: Figures) =>
      typeof f[key] === "number" ? (f[key] as number).toFixed(digits) : "–";
  const pair = (a: string, b: string) => (f: Figures) => `${num(a)(f)} / ${num(b)(f)}`;
  const ratio = (key: string) =>
    yishi && baseline && typeof yishi[key] === "number" ? (yishi[key] as number) / (baseline[key] as number) : NaN;
  const add = (label: string, show: (f: Figures) => string, ...keys: string[]) =>
    rows.push([label, keys.map((k) => (Number.isFinite(ratio(k)) ? `×${ratio(k).toFixed(1)}` : "–")).join(" / "), show]);
  add("connected / acked / lost / duplicates", (f) => ["connected", "acked", "lost", "duplicates"].map((k) => num(k)(f)).join(" / "));
  add("connect+join all, ms", num("connectMs"), "connectMs");
  if (!CONNECT_ONLY) {
    add("host's poll:open answered in, ms", num("pollOpenMs"));
    add("of the lost: disconnected / stored anyway", pair("lostDisconnected", "storedLate"));
    add("ack p50 / p99, ms", pair("ackP50Ms", "ackP99Ms"), "ackP50Ms", "ackP99Ms");
    add("visible p50 / p99, ms", pair("visibleP50Ms", "visibleP99Ms"), "visibleP50Ms", "visibleP99Ms");
  }
  add(
    "RSS idle / connected / peak, MB",
    (f) => ["rssIdleMb", "rssConnectedMb", "rssPeakMb"].map((k) => num(k)(f)).join(" / "),
    "rssIdleMb",
    "rssConnectedMb",
    "rssPeakMb",
  );
  add("server CPU joining, ms", num("serverCpuConnectMs"), "serverCpuConnectMs");
  add("server CPU connected+idle, ms/s", num("serverCpuIdleConnectedMsPerS"), "serverCpuIdleConnectedMsPerS");
  if (!CONNECT_ONLY) add("server CPU during the vote, ms", num("serverCpuDuringVoteMs"), "serverCpuDuringVoteMs");
  add("bench clients' CPU joining / voting, ms", pair("clientCpuConnectMs", "clientCpuDuringVoteMs"));
  add("memory per connection, KB", num("memoryPerConnectionKb"), "memoryPerConnectionKb");
  add("CPU per join, ms", num("cpuMsPerJoin", 2), "cpuMsPerJoin");
  if (!CONNECT_ONLY) add("CPU per ballot, ms", num("cpuMsPerBallot", 2), "cpuMsPerBallot");
  if (!CONNECT_ONLY) add("client event-loop delay p99 / max, ms", pair("clientLoopDelayP99Ms", "clientLoopDelayMaxMs"));
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`\n${"".padEnd(width)}  ${"yishi".padStart(22)}  ${"baseline".padStart(22)}  yishi ÷ baseline`);
  for (const [label, ratios, show] of rows)
    console.log(
      `${label.padEnd(width)}  ${(yishi ? show(yishi) : "–").padStart(22)}  ${(baseline ? show(baseline) : "–").padStart(22)}  ${ratios}`,
    );
  if (!baseline) return undefined;
  const keys = [
    "connectMs",
    "ackP50Ms",
    "ackP99Ms",
    "visibleP50Ms",
    "visibleP99Ms",
    "rssIdleMb",
    "rssConnectedMb",
    "rssPeakMb",
    "serverCpuConnectMs",
    "serverCpuDuringVoteMs",
    "memoryPerConnectionKb",
    "cpuMsPerJoin",
    "cpuMsPerBallot",
  ];
  return Object.fromEntries(keys.filter((k) => Number.isFinite(ratio(k))).map((k) => [k, Number(ratio(k).toFixed(2))]));
}

/**
 * The targets of issues #11 and #8 that apply to this run, each with the figure measured and the ratio where
 * the target is one. A target needs a figure from this run; none is judged from a run of another size.
 */
function targets(yishi: Figures | undefined, baseline: Figures | undefined): { target: string; measured: string; met: boolean }[] {
  if (!yishi) return [];
  const rows: { target: string; measured: string; met: boolean }[] = [];
  const n = (f: Figures | undefined, key: string) => (typeof f?.[key] === "number" ? (f[key] as number) : NaN);
  const ratio = (key: string) => n(yishi, key) / n(baseline, key);
  if (!CONNECT_ONLY && N === 1000 && WINDOW_MS === 2000) {
    rows.push({
      target: "1,000 in 2 s: ack p99 ≤ 1.5 × baseline",
      measured: `${n(yishi, "ackP99Ms")} ms, ×${ratio("ackP99Ms").toFixed(2)}`,
      met: ratio("ackP99Ms") <= 1.5,
    });
    rows.push({ target: "1,000 in 2 s: ack p99 ≤ 60 ms", measured: `${n(yishi, "ackP99Ms")} ms`, met: n(yishi, "ackP99Ms") <= 60 });
  }
  if (!CONNECT_ONLY && N === 5000 && WINDOW_MS === 5000) {
    rows.push({
      target: "5,000 in 5 s: ack p99 ≤ 2 × baseline",
      measured: `${n(yishi, "ackP99Ms")} ms, ×${ratio("ackP99Ms").toFixed(2)}`,
      met: ratio("ackP99Ms") <= 2,
    });
    rows.push({
      target: "5,000 in 5 s: visible p99 ≤ 1 s",
      measured: `${n(yishi, "visibleP99Ms")} ms`,
      met: n(yishi, "visibleP99Ms") <= 1000,
    });
    rows.push({
      target: "5,000 in 5 s: 0 lost, 0 duplicates",
      measured: `${n(yishi, "lost")} / ${n(yishi, "duplicates")}`,
      met: n(yishi, "lost") === 0 && n(yishi, "duplicates") === 0,
    });
  }
  if (N === 5000) {
    rows.push({
      target: "5,000 connected: RSS ≤ 300 MB",
      measured: `${n(yishi, "rssConnectedMb")} MB`,
      met: n(yishi, "rssConnectedMb") <= 300,
    });
    rows.push({
      target: "connecting and joining 5,000 ≤ 15 s",
      measured: `${(n(yishi, "connectMs") / 1000).toFixed(1)} s`,
      met: n(yishi, "connected") === 5000 && n(yishi, "connectMs") <= 15_000,
    });
  }
  return rows;
}

async function main() {
  const limit = openFileLimit();
  const needed = Math.max(N, Math.ceil(N / PROCESSES)) + 200;
  if (limit < needed) {
    console.error(
      `Open-file limit ${limit} is below the ${needed} this run needs (one per socket on each side): run "ulimit -n 20000" first.`,
    );
    process.exit(1);
  }
  const dir = path.join(root, "bench/out", `live-vote-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  const url = `file:${path.join(dir, "bench.db")}`;
  let db: ReturnType<typeof createDb> | null = null;
  let world: Awaited<ReturnType<typeof createLiveWorld>> | null = null;
  if (SERVERS.includes("yishi")) {
    await migrateDeploy(url);
    db = createDb(url);
    const setupStart = Date.now();
    world = await createLiveWorld(db, { voters: N, secret: SECRET });
    console.log(`setup: ${N} voters, sessions and a live meeting in ${Date.now() - setupStart} ms`);
  }
  const results: Record<string, unknown> = { n: N, windowMs: WINDOW_MS, loadAverageBefore: loadAverage() };
  let baseline: Figures | undefined;
  if (SERVERS.includes("baseline")) {
    baseline = await measure(baselineTarget(dir), dir);
    results.baseline = baseline;
  }
  let yishi: Figures | undefined;
  if (db && world) {
    yishi = await measure(yishiTarget(dir, url, db, world), dir);
    results.yishi = yishi;
  }
  results.loadAverageAfter = loadAverage();
  await db?.$disconnect();
  results.ratioYishiToBaseline = compare(yishi, baseline);
  for (const [name, f] of [
    ["baseline", baseline],
    ["yishi", yishi],
  ] as const)
    for (const key of ["error", "pollCloseError"]) if (f?.[key]) console.log(`${name}: ${key} ${String(f[key])}`);
  results.targets = targets(yishi, baseline);
  for (const t of results.targets as ReturnType<typeof targets>)
    console.log(`${t.met ? "met    " : "NOT met"}  ${t.target}: ${t.measured}`);
  console.log(`\nload average before ${results.loadAverageBefore}, after ${results.loadAverageAfter}`);
  fs.writeFileSync(path.join(dir, "figures.json"), JSON.stringify(results, null, 2));
  console.log(`figures: ${path.relative(root, path.join(dir, "figures.json"))}`);
  for (const file of ["bench.db", "bench.db-wal", "bench.db-shm", "baseline.db", "baseline.db-wal", "baseline.db-shm"])
    fs.rmSync(path.join(dir, file), { force: true });
}

// --kill: SIGKILL the server mid-vote and restart it, once with the old retry policy and once with the new.
const run = args.includes("--kill")
  ? () => runKillMode(N, WINDOW_MS, arg("policies", "legacy,browser").split(",") as ("legacy" | "browser")[])
  : main;
run().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
