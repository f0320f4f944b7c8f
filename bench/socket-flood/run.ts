/**
 * Socket-flood bench: does one flooding socket slow down a different meeting?
 * The production server on a fresh SQLite database, two live meetings; ten residents of meeting B each ask
 * for a snapshot every 400 ms, first while all is quiet, then while one resident of meeting A floods
 * from a separate process (flooder.ts). Prints the observer's p50/p99/max in both phases and the ratio.
 *
 *   npm run build && npx tsx bench/socket-flood/run.ts [--quiet 5000] [--flood 10000] [--rate 1050]
 *
 * Loopback only; bounded by time and by 20,000 flood events.
 */
import { fork } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createDb } from "../../app/infra/db.server";
import { migrateDeploy } from "../../scripts/migrate";
import { connect, createLiveWorld, request } from "../../tests/helpers/live-meeting";
import { ownChild } from "../lib/children";
import { startProductionServer } from "../lib/production-server";
import { cpuMs } from "../lib/system";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const QUIET_MS = Math.min(60_000, Number(arg("quiet", "5000")));
const FLOOD_MS = Math.min(60_000, Number(arg("flood", "10000")));
const RATE = Math.min(5_000, Number(arg("rate", "1050")));
// Residents of the other meeting, each asking for a snapshot every 400 ms: well inside their own budget.
const OBSERVERS = 10;
const OBSERVE_EVERY_MS = 400;
const SECRET = "bench-secret-bench-secret-bench-secret";
const root = path.resolve(import.meta.dirname, "../..");

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  return { samples: sorted.length, p50: Math.round(at(50)), p99: Math.round(at(99)), max: Math.round(sorted.at(-1) ?? NaN) };
}

async function main() {
  const dir = path.join(root, "bench/out", `socket-flood-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  const url = `file:${path.join(dir, "bench.db")}`;
  await migrateDeploy(url);
  const db = createDb(url);
  const flooded = await createLiveWorld(db, { voters: 3, secret: SECRET });
  const quiet = await createLiveWorld(db, { voters: OBSERVERS, secret: SECRET });
  await db.$disconnect();

  const server = await startProductionServer({ databaseUrl: url, secret: SECRET, env: { BACKGROUND_JOBS: "off" } });
  const base = server.url;

  const observers = await Promise.all(quiet.voters.map((v) => connect(base, v.cookie)));
  for (const observer of observers) {
    if (!(await request(observer, "meeting:join", { meetingId: quiet.meetingId })).ok) throw new Error("observer could not join");
  }
  async function observe(ms: number): Promise<{ latencies: number[]; failures: number }> {
    const latencies: number[] = [];
    let failures = 0;
    const until = Date.now() + ms;
    await Promise.all(
      observers.map(async (observer, i) => {
        await new Promise((r) => setTimeout(r, (i * OBSERVE_EVERY_MS) / observers.length));
        while (Date.now() < until) {
          const started = performance.now();
          const answer = await request(observer, "meeting:snapshot", { meetingId: quiet.meetingId }).catch(() => null);
          if (answer?.ok) latencies.push(performance.now() - started);
          else failures++;
          await new Promise((r) => setTimeout(r, OBSERVE_EVERY_MS));
        }
      }),
    );
    return { latencies, failures };
  }

  await observe(1_000); // warm-up: first queries, JIT
  const cpuBeforeQuiet = cpuMs(server.pid);
  const quietPhase = await observe(QUIET_MS);
  const serverCpuQuiet = cpuMs(server.pid) - cpuBeforeQuiet;

  const flooder = ownChild(
    fork(
      path.join(import.meta.dirname, "flooder.ts"),
      [
        JSON.stringify({
          url: base,
          cookie: flooded.voters[0]!.cookie,
          meetingId: flooded.meetingId,
          durationMs: FLOOD_MS,
          maxEvents: 20_000,
          rate: RATE,
        }),
      ],
      {
        execArgv: ["--import", "tsx"],
      },
    ),
  );
  const floodStats = new Promise<Record<string, unknown>>((resolve) =>
    flooder.once("message", (m) => resolve(m as Record<string, unknown>)),
  );
  await new Promise((r) => setTimeout(r, 200));
  const cpuBeforeFlood = cpuMs(server.pid);
  const floodPhase = await observe(FLOOD_MS - 200);
  const serverCpuFlood = cpuMs(server.pid) - cpuBeforeFlood;
  const flooderCpu = cpuMs(flooder.pid!);
  const flood = await floodStats;

  for (const observer of observers) observer.disconnect();
  const serverLog = server.log();
  await server.stop();

  const q = summary(quietPhase.latencies);
  const f = summary(floodPhase.latencies);
  const figures = {
    observerQuiet: { ...q, failures: quietPhase.failures },
    observerDuringFlood: { ...f, failures: floodPhase.failures },
    p99Ratio: Number((f.p99 / q.p99).toFixed(2)),
    floodRatePerSecond: RATE,
    // Server CPU as a share of one core in each phase; the flooder's own CPU competes on a small machine.
    serverCpuQuietPct: Math.round((serverCpuQuiet / QUIET_MS) * 100),
    serverCpuFloodPct: Math.round((serverCpuFlood / (FLOOD_MS - 200)) * 100),
    flooderCpuMs: flooderCpu,
    flood,
  };
  fs.writeFileSync(path.join(dir, "figures.json"), JSON.stringify(figures, null, 2));
  fs.writeFileSync(path.join(dir, "server.log"), serverLog);
  console.log(
    `observer, quiet:        samples ${q.samples}, p50 ${q.p50} ms, p99 ${q.p99} ms, max ${q.max} ms, failures ${quietPhase.failures}`,
  );
  console.log(
    `observer, during flood: samples ${f.samples}, p50 ${f.p50} ms, p99 ${f.p99} ms, max ${f.max} ms, failures ${floodPhase.failures}`,
  );
  console.log(`p99 ratio flood / quiet: ${figures.p99Ratio}`);
  console.log(
    `server CPU (share of one core): quiet ${figures.serverCpuQuietPct} %, during flood ${figures.serverCpuFloodPct} %; flooder process used ${flooderCpu} ms`,
  );
  console.log(`flood: ${JSON.stringify(flood)}`);
}

await main();
process.exit(0);
