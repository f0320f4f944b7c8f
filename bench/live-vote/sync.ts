/**
 * What synchronous=FULL costs on the ballot path, against NORMAL, in the same run. Two fresh SQLite files
 * (WAL), a live meeting with N voters each, a secret poll opened; then ballots are written through the real
 * writeBallotBatch in batches (as the BallotQueue would) alternating between the two databases, so both see
 * the same machine load. Prints per-batch commit latency p50/p99 and ballots/s for each, and FULL/NORMAL.
 *
 *   npx tsx bench/live-vote/sync.ts [--n 600] [--batch 1,10,50]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import crypto from "node:crypto";
import { systemClock } from "../../app/infra/clock";
import { closePoll, openPoll } from "../../app/domain/voting/polls.server";
import { writeBallotBatch } from "../../app/domain/voting/ballots.server";
import type { Db } from "../../app/infra/db.server";
import { createDb } from "../../app/infra/db.server";
import { migrateDeploy } from "../../scripts/migrate";
import { createLiveWorld } from "../../tests/helpers/live-meeting";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const N = Math.min(5000, Number(arg("n", "600")));
const BATCHES = arg("batch", "1,10,50")
  .split(",")
  .map(Number)
  .filter((b) => b >= 1 && b <= 250);
const MODES = ["NORMAL", "FULL"] as const;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function world(mode: (typeof MODES)[number], dir: string) {
  const url = `file:${path.join(dir, `${mode}.db`)}`;
  await migrateDeploy(url);
  const db: Db = createDb(url, { sqliteSynchronous: mode });
  const live = await createLiveWorld(db, { voters: N });
  const mode_ = (await db.$queryRawUnsafe<{ synchronous: unknown }[]>("PRAGMA synchronous"))[0].synchronous;
  return { db, live, pragma: Number(mode_) };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yishi-sync-bench-"));
  const worlds = { NORMAL: await world("NORMAL", dir), FULL: await world("FULL", dir) };
  console.log(`PRAGMA synchronous: NORMAL db = ${worlds.NORMAL.pragma}, FULL db = ${worlds.FULL.pragma} (1 = NORMAL, 2 = FULL)`);
  const rows: string[] = [];
  for (const batch of BATCHES) {
    const polls: Record<string, string> = {};
    for (const mode of MODES) {
      const { db, live } = worlds[mode];
      polls[mode] = (
        await openPoll(db, systemClock, live.host.actor, {
          meetingId: live.meetingId,
          question: `同步基准 ${batch}`,
          kind: "yes_no_abstain",
          options: [],
          maxChoices: 1,
          ballotMode: "secret",
          passRule: "majority_cast",
          abstentionsCount: false,
          resultsHidden: false,
          allowChange: false,
          rollCallPublic: false,
        })
      ).id;
    }
    const latencies: Record<string, number[]> = { NORMAL: [], FULL: [] };
    const elapsed: Record<string, number> = { NORMAL: 0, FULL: 0 };
    for (let start = 0; start < N; start += batch) {
      // Alternate which mode goes first so neither always gets the warmer cache.
      const order = (start / batch) % 2 === 0 ? MODES : ([...MODES].reverse() as unknown as typeof MODES);
      for (const mode of order) {
        const { db, live } = worlds[mode];
        const requests = live.voters.slice(start, start + batch).map((v, i) => ({
          pollId: polls[mode],
          casterId: v.participantId as string,
          voterId: v.participantId as string,
          choices: [["yes", "no", "abstain"][(start + i) % 3]],
          idempotencyKey: crypto.randomUUID(),
        }));
        const t0 = performance.now();
        const outcomes = await writeBallotBatch(db, systemClock, polls[mode], requests);
        const ms = performance.now() - t0;
        if (outcomes.some((o) => !o.ok)) throw new Error(`${mode}: a ballot was refused: ${JSON.stringify(outcomes.find((o) => !o.ok))}`);
        latencies[mode].push(ms);
        elapsed[mode] += ms;
      }
    }
    for (const mode of MODES) await closePoll(worlds[mode].db, systemClock, worlds[mode].live.host.actor, polls[mode]);
    const line = (mode: string) =>
      `${mode.padEnd(6)} batch ${String(batch).padStart(3)}: commit p50 ${percentile(latencies[mode], 50).toFixed(2)} ms, p99 ${percentile(latencies[mode], 99).toFixed(2)} ms, ${Math.round((N / elapsed[mode]) * 1000)} ballots/s`;
    rows.push(line("NORMAL"), line("FULL"));
    rows.push(
      `ratio  batch ${String(batch).padStart(3)}: FULL/NORMAL p50 ×${(percentile(latencies.FULL, 50) / percentile(latencies.NORMAL, 50)).toFixed(2)}, p99 ×${(percentile(latencies.FULL, 99) / percentile(latencies.NORMAL, 99)).toFixed(2)}, throughput ×${(elapsed.NORMAL / elapsed.FULL).toFixed(2)}`,
    );
  }
  for (const r of rows) console.log(r);
  for (const mode of MODES) await worlds[mode].db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
