/**
 * N voters through nginx (docs/deploy/nginx.conf) to P production processes on one PostgreSQL database, for
 * each P in the list, in one run; P = 1 is the baseline every other P is compared with. See README.md.
 *
 *   npm run build && npx tsx bench/cluster/run.ts --n 300 --processes 1,2,4 [--window 2000] [--adapter postgres|redis]
 */
import type { ChildProcess } from "node:child_process";
import { fork } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { freshPostgres } from "../../tests/helpers/databases";
import { connect, createLiveWorld, request, TEST_SESSION_SECRET } from "../../tests/helpers/live-meeting";
import { startNginx } from "../../tests/helpers/nginx";
import { exited, ownChild } from "../lib/children";
import type { RunningServer } from "../lib/production-server";
import { startProductionServer } from "../lib/production-server";
import { cpuMs, loadAverage, percentile, rssMb } from "../lib/system";

const { values: args } = parseArgs({
  options: {
    n: { type: "string", default: "300" },
    window: { type: "string", default: "2000" },
    processes: { type: "string", default: "1,2,4" },
    adapter: { type: "string", default: "postgres" },
  },
});
const N = Number(args.n);
const WINDOW_MS = Number(args.window);
const PS = args.processes.split(",").map(Number);
const ADAPTER = args.adapter;
const CLIENT_PROCESSES = N > 1500 ? 2 : 1;

interface Row {
  p: number;
  connected: number;
  acked: number;
  refused: number;
  lost: number;
  duplicates: number;
  ackP50: number;
  ackP99: number;
  visibleP50: number;
  visibleP99: number;
  /** Per process, in start order. */
  rssMb: number[];
  cpuConnectMs: number[];
  cpuVoteMs: number[];
  /** Server CPU over all processes: joining N connections, and taking N ballots. */
  cpuMsPerConnection: number;
  cpuMsPerBallot: number;
  /** Server CPU ms per second per 1,000 connections doing nothing (pings). */
  idleCpuMsPerSPer1k: number;
}

function fromAll<T>(children: ChildProcess[], type: string, ms: number): Promise<T[]> {
  return Promise.all(
    children.map(
      (child) =>
        new Promise<T>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no "${type}" from a client process within ${ms} ms`)), ms);
          child.on("message", (m: { type: string }) => {
            if (m.type !== type) return;
            clearTimeout(timer);
            resolve(m as T);
          });
        }),
    ),
  );
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

async function runWith(p: number, dir: string): Promise<Row> {
  const database = await freshPostgres();
  const servers: RunningServer[] = [];
  const clients: ChildProcess[] = [];
  let nginx: Awaited<ReturnType<typeof startNginx>> | null = null;
  try {
    const world = await createLiveWorld(database.db, { voters: N, secret: TEST_SESSION_SECRET });
    const cookiesFile = path.join(dir, `cookies-${p}.json`);
    fs.writeFileSync(cookiesFile, JSON.stringify(world.voters.map((v) => v.cookie)));
    for (let i = 0; i < p; i++)
      servers.push(
        await startProductionServer({
          databaseUrl: database.url,
          secret: TEST_SESSION_SECRET,
          env: {
            SOCKET_ADAPTER: ADAPTER,
            ...(ADAPTER === "redis" ? { REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" } : {}),
            TRUST_PROXY: "loopback",
            LOG_LEVEL: "error",
            BACKGROUND_JOBS: "off",
          },
          logFile: path.join(dir, `p${p}-server${i + 1}.log`),
        }),
      );
    nginx = await startNginx(servers.map((s) => s.port));
    await new Promise((r) => setTimeout(r, 500));
    const cpu = () => servers.map((s) => cpuMs(s.pid));
    const before = cpu();
    const share = Math.ceil(N / CLIENT_PROCESSES);
    for (let k = 0; k < CLIENT_PROCESSES; k++)
      clients.push(
        ownChild(
          fork(
            path.join(import.meta.dirname, "../live-vote/clients.ts"),
            [
              JSON.stringify({
                url: nginx.url,
                meetingId: world.meetingId,
                cookiesFile,
                connectConcurrency: 25,
                from: k * share,
                to: Math.min(N, (k + 1) * share),
              }),
            ],
            { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] },
          ),
        ),
      );
    const connectedParts = await fromAll<{ connected: number }>(clients, "connected", 300_000);
    const afterConnect = cpu();
    // One quiet second with everyone connected: what holding connections costs (pings every 2 s).
    await new Promise((r) => setTimeout(r, 2000));
    const idleCpuMsPerS = (sum(cpu()) - sum(afterConnect)) / 2;
    const host = await connect(servers[0].url, world.host.cookie);
    await request(host, "meeting:join", { meetingId: world.meetingId });
    const opened = await request(host, "poll:open", {
      meetingId: world.meetingId,
      question: "是否同意加装电梯？",
      kind: "yes_no_abstain",
      ballotMode: "secret",
      passRule: "majority_cast",
    });
    if (!opened.ok) throw new Error(`poll:open refused: ${JSON.stringify(opened)}`);
    const pollId = opened.pollId as string;
    await new Promise((r) => setTimeout(r, 500));
    const beforeVote = cpu();
    for (const child of clients)
      child.send({ type: "vote", pollId, windowMs: WINDOW_MS, keyPrefix: crypto.randomBytes(4).toString("hex") });
    type Part = { acked: number; refused: number; lost: number; ackLatency: number[]; visibleLatency: number[]; ackedVoters: number[] };
    const parts = await fromAll<Part>(clients, "voted", WINDOW_MS + 60_000);
    const afterVote = cpu();
    const rss = servers.map((s) => rssMb(s.pid));
    host.disconnect();

    const records = await database.db.voteRecord.findMany({ where: { pollId }, select: { voterId: true } });
    const stored = new Set(records.map((r) => r.voterId));
    const ackedVoters = parts.flatMap((x) => x.ackedVoters).map((i) => world.voters[i].participantId);
    const connected = sum(connectedParts.map((c) => c.connected));
    const acked = sum(parts.map((x) => x.acked));
    const ack = parts.flatMap((x) => x.ackLatency);
    const visible = parts.flatMap((x) => x.visibleLatency);
    const cpuConnectMs = afterConnect.map((c, i) => Math.round(c - before[i]));
    const cpuVoteMs = afterVote.map((c, i) => Math.round(c - beforeVote[i]));
    return {
      p,
      connected,
      acked,
      refused: sum(parts.map((x) => x.refused)),
      // Never answered, or acknowledged but not in the database.
      lost: sum(parts.map((x) => x.lost)) + ackedVoters.filter((v) => !v || !stored.has(v)).length,
      duplicates: records.length - stored.size,
      ackP50: percentile(ack, 50),
      ackP99: percentile(ack, 99),
      visibleP50: percentile(visible, 50),
      visibleP99: percentile(visible, 99),
      rssMb: rss,
      cpuConnectMs,
      cpuVoteMs,
      cpuMsPerConnection: Number((sum(cpuConnectMs) / Math.max(1, connected)).toFixed(2)),
      cpuMsPerBallot: Number((sum(cpuVoteMs) / Math.max(1, acked)).toFixed(2)),
      idleCpuMsPerSPer1k: Math.round((idleCpuMsPerS * 1000) / Math.max(1, connected)),
    };
  } finally {
    for (const child of clients) if (child.connected) child.send({ type: "close" });
    await Promise.race([Promise.all(clients.map(exited)), new Promise((r) => setTimeout(r, 5_000))]);
    for (const child of clients) child.kill("SIGKILL");
    await nginx?.stop();
    await Promise.all(servers.map((s) => s.stop()));
    await database.drop();
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yishi-bench-cluster-"));
console.log(`bench/cluster: N=${N} voters within ${WINDOW_MS} ms, P=${PS.join(",")}, SOCKET_ADAPTER=${ADAPTER}, ${os.cpus().length} cores`);
console.log(`load average before: ${loadAverage()} (a shared machine: figures are noisy, compare within one run)`);
const rows: Row[] = [];
for (const p of PS) {
  rows.push(await runWith(p, dir));
  console.log(`P=${p} done (load ${loadAverage()})`);
}
const base = rows.find((r) => r.p === 1) ?? rows[0];
const fmt = (x: number) => (Number.isFinite(x) ? String(x) : "–");
console.log("");
console.log(
  "| P | connected | acked | refused | lost | dup | ack p50/p99 ms | visible p50/p99 ms | RSS per process MB | CPU connect ms per process | CPU vote ms per process | CPU ms/connection | CPU ms/ballot | idle CPU ms/s per 1k | ack p99 ÷ P=1 | CPU/ballot ÷ P=1 |",
);
console.log("| - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - |");
for (const r of rows)
  console.log(
    `| ${r.p} | ${r.connected} | ${r.acked} | ${r.refused} | ${r.lost} | ${r.duplicates} | ${fmt(r.ackP50)}/${fmt(r.ackP99)} | ${fmt(r.visibleP50)}/${fmt(r.visibleP99)} | ${r.rssMb.join(", ")} | ${r.cpuConnectMs.join(", ")} | ${r.cpuVoteMs.join(", ")} | ${r.cpuMsPerConnection} | ${r.cpuMsPerBallot} | ${r.idleCpuMsPerSPer1k} | ${(r.ackP99 / base.ackP99).toFixed(2)} | ${(r.cpuMsPerBallot / base.cpuMsPerBallot).toFixed(2)} |`,
  );
fs.writeFileSync(path.join(dir, "figures.json"), JSON.stringify({ n: N, windowMs: WINDOW_MS, adapter: ADAPTER, rows }, null, 2));
console.log(`\nfigures and server logs: ${dir}`);
process.exit(0);
