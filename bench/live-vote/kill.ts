/**
 * Kill mode of the live-vote bench (`run.ts --kill`): N voters vote within a window, the server is killed
 * with SIGKILL at a random moment of it and started again on the same port. Run once per policy on the same
 * world (the baseline first), each with its own poll:
 *
 *   legacy   the browser's retry policy before ADR 0012 (kill-clients.ts)
 *   browser  app/realtime/ballot-delivery.ts, as the phones run it now
 *
 * Reports per policy: voters without a stored ballot, lost (acked but not stored), duplicates, voters told
 * to press again, and kill → back in sync (rejoined with a fresh snapshot and the ballot answered) p50/p95,
 * with the ratio against the baseline. Loopback only; every wait is bounded.
 */
import type { ChildProcess } from "node:child_process";
import { fork } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createDb } from "../../app/infra/db.server";
import { migrateDeploy } from "../../scripts/migrate";
import { connect, createLiveWorld, request } from "../../tests/helpers/live-meeting";
import { exited, ownChild } from "../lib/children";
import { startProductionServer } from "../lib/production-server";
import { freePort, loadAverage, percentile } from "../lib/system";

const SECRET = "bench-secret-bench-secret-bench-secret";
const root = path.resolve(import.meta.dirname, "../..");

/** The server on a fixed port (its clients reconnect there after the kill), background jobs off. */
const startServer = (url: string, port: number) =>
  startProductionServer({
    databaseUrl: url,
    secret: SECRET,
    port,
    env: { BACKGROUND_JOBS: "off" },
    // BENCH_SERVER_FLAGS: extra Node flags for the server (e.g. --cpu-prof to see where a rejoin storm goes).
    nodeFlags: (process.env.BENCH_SERVER_FLAGS ?? "").split(" ").filter(Boolean),
  });

type Outcome = { state: string; at: number; reason?: string; rejoinedAt: number | null };

export async function runKillMode(N: number, windowMs: number, policies: ("legacy" | "browser")[]): Promise<void> {
  const dir = path.join(root, "bench/out", `live-vote-kill-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  const url = `file:${path.join(dir, "bench.db")}`;
  await migrateDeploy(url);
  const db = createDb(url);
  const world = await createLiveWorld(db, { voters: N, secret: SECRET });
  const cookiesFile = path.join(dir, "cookies.json");
  const voterIdsFile = path.join(dir, "voters.json");
  fs.writeFileSync(cookiesFile, JSON.stringify(world.voters.map((v) => v.cookie)));
  fs.writeFileSync(voterIdsFile, JSON.stringify(world.voters.map((v) => v.participantId)));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server = await startServer(url, port);
  const all: Record<string, Record<string, unknown>> = {};
  let clients: ChildProcess | null = null;

  for (const policy of policies) {
    // Whatever fails, no server or client process outlives the bench (children.ts).
    clients = ownChild(
      fork(
        path.join(import.meta.dirname, "kill-clients.ts"),
        [JSON.stringify({ url: base, meetingId: world.meetingId, cookiesFile, voterIdsFile, policy })],
        {
          execArgv: ["--import", "tsx"],
          stdio: ["ignore", "inherit", "inherit", "ipc"],
        },
      ),
    );
    const child = clients;
    const next = <T>(type: string) =>
      new Promise<T>((resolve) => {
        const on = (m: { type: string }) => {
          if (m.type === type) {
            child.off("message", on);
            resolve(m as T);
          }
        };
        child.on("message", on);
      });
    const connected = await next<{ connected: number; ms: number }>("connected");
    console.log(`[${policy}] ${connected.connected}/${N} joined in ${connected.ms} ms`);
    const host = await connect(base, world.host.cookie);
    const opened = await request(host, "poll:open", {
      meetingId: world.meetingId,
      question: `断电演练（${policy}）：是否同意？`,
      kind: "yes_no_abstain",
      ballotMode: "secret",
      passRule: "majority_cast",
    });
    if (!opened.ok) throw new Error(`could not open the poll: ${opened.reason}`);
    host.disconnect();
    const pollId = opened.pollId as string;
    await new Promise((r) => setTimeout(r, 500));

    const voted = next<{ outcomes: Outcome[] }>("voted");
    child.send({ type: "vote", pollId, windowMs, keyPrefix: crypto.randomBytes(4).toString("hex") });
    const killAfter = Math.floor(Math.random() * windowMs);
    await new Promise((r) => setTimeout(r, killAfter));
    await server.kill();
    const killedAt = Date.now();
    child.send({ type: "killed", at: killedAt });
    server = await startServer(url, port);
    const restartMs = Date.now() - killedAt;
    const { outcomes } = await voted;

    const records = await db.voteRecord.findMany({ where: { pollId }, select: { voterId: true } });
    const storedVoters = new Set(records.map((r) => r.voterId));
    const voterIds = world.voters.map((v) => v.participantId as string);
    const back = outcomes.map((o) => Math.max(o.at, o.rejoinedAt ?? Date.now()) - killedAt);
    const figures = {
      n: N,
      killAfterMs: killAfter,
      restartMs,
      voterWithoutStoredBallot: voterIds.filter((id) => !storedVoters.has(id)).length,
      lost: outcomes.filter((o, i) => o.state === "recorded" && !storedVoters.has(voterIds[i])).length,
      duplicates: records.length - storedVoters.size,
      toldToPressAgain: outcomes.filter((o) => o.state !== "recorded").length,
      refusedReasons: outcomes
        .filter((o) => o.reason)
        .reduce<Record<string, number>>((acc, o) => ({ ...acc, [o.reason as string]: (acc[o.reason as string] ?? 0) + 1 }), {}),
      neverRejoined: outcomes.filter((o) => o.rejoinedAt === null).length,
      resyncP50Ms: percentile(back, 50),
      resyncP95Ms: percentile(back, 95),
      resyncMaxMs: Math.max(...back),
      loadAverage: loadAverage(),
    };
    const closer = await connect(base, world.host.cookie);
    await request(closer, "poll:close", { pollId });
    closer.disconnect();
    all[policy] = figures;
    console.log(`[${policy}]`, JSON.stringify(figures));
    if (policy === "browser") {
      // Issue #8's target for a crash mid-vote (judged at N = 1,000).
      const met = figures.voterWithoutStoredBallot === 0 && figures.lost === 0 && figures.duplicates === 0 && figures.resyncP95Ms <= 10_000;
      console.log(
        `${met ? "met    " : "NOT met"}  kill at N = ${N}: 0 voters without a stored ballot, 0 lost, 0 duplicates, resync p95 ≤ 10 s: ` +
          `${figures.voterWithoutStoredBallot} / ${figures.lost} / ${figures.duplicates}, p95 ${(figures.resyncP95Ms / 1000).toFixed(1)} s (restart ${(restartMs / 1000).toFixed(1)} s)`,
      );
    }
    child.send({ type: "close" });
    await exited(child);
  }

  if (all.legacy && all.browser) {
    const ratio = (key: string) => Number(all.browser[key]) / Math.max(1, Number(all.legacy[key]));
    all.ratio = { resyncP95: Number(ratio("resyncP95Ms").toFixed(2)), resyncP50: Number(ratio("resyncP50Ms").toFixed(2)) };
    console.log(
      `browser vs legacy: voters without a stored ballot ${all.browser.voterWithoutStoredBallot} vs ${all.legacy.voterWithoutStoredBallot}; resync p95 ${all.browser.resyncP95Ms} vs ${all.legacy.resyncP95Ms} ms (ratio ${all.ratio.resyncP95})`,
    );
  }
  const serverLog = server.log();
  await server.stop();
  await db.$disconnect();
  fs.writeFileSync(path.join(dir, "figures.json"), JSON.stringify(all, null, 2));
  fs.writeFileSync(path.join(dir, "server.log"), serverLog);
  fs.rmSync(path.join(dir, "bench.db"), { force: true });
}
