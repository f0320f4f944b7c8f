/**
 * A street on several processes (issue #15, ADR 0021): two production processes on one fresh PostgreSQL
 * database behind nginx running docs/deploy/nginx.conf, with each socket adapter (Redis when one answers on
 * 127.0.0.1:6379). Tallies seen by a projector are consistent snapshots whose versions only go up, one
 * broadcast per change; a check-in and a sweep's notification reach the other process; a process killed
 * with SIGKILL mid-poll loses no ballot and counts none twice, and a polling-only phone votes through nginx.
 */
import fs from "node:fs";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { TallyUpdate } from "../../app/realtime/protocol";
import type { PendingBallot } from "../../app/realtime/ballot-delivery";
import { deliverBallot } from "../../app/realtime/ballot-delivery";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres } from "../helpers/databases";
import { createCategories, createIssue } from "../helpers/fixtures";
import type { BrowserLikeVoter, LiveWorld, TestSocket } from "../helpers/live-meeting";
import { allLive, browserLikeVoter, connect, createLiveWorld, idempotencyKey, request } from "../helpers/live-meeting";
import { nextEvent } from "../helpers/live-room";
import type { RunningNginx } from "../helpers/nginx";
import { NGINX, startNginx } from "../helpers/nginx";
import type { RunningServer } from "../helpers/server";
import { startServer } from "../helpers/server";

const redisAnswers = await new Promise<boolean>((resolve) => {
  const socket = net.connect(6379, "127.0.0.1", () => {
    socket.end();
    resolve(true);
  });
  socket.on("error", () => resolve(false));
});
const adapters = redisAnswers ? (["postgres", "redis"] as const) : (["postgres"] as const);
const VOTERS = 16;

async function until(done: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    // A bounded poll: until the condition holds or the deadline passes.
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Live socket.io connections a process holds (its /metrics, read directly from the loopback). */
async function socketsOn(server: RunningServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return Number(/^yishi_socket_connections (\d+)/m.exec(text)?.[1] ?? "0");
}

describe.skipIf(!fs.existsSync(NGINX)).each(adapters)("two processes behind nginx, SOCKET_ADAPTER=%s", (adapter) => {
  let database: TestDatabase;
  let a: RunningServer;
  let b: RunningServer;
  let nginx: RunningNginx;
  let world: LiveWorld;
  const sockets: TestSocket[] = [];
  const open = async (url: string, cookie: string) => {
    const socket = await connect(url, cookie);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    database = await freshPostgres();
    const shared = {
      SOCKET_ADAPTER: adapter,
      ...(adapter === "redis" ? { REDIS_URL: "redis://127.0.0.1:6379" } : {}),
      TRUST_PROXY: "loopback",
      YISHI_JOBS_INTERVAL_MS: "300",
    };
    // Only A sweeps: a notification it writes must reach a tab held by B.
    [a, b] = await Promise.all([
      startServer(database.url, { ...shared, BACKGROUND_JOBS: "on" }),
      startServer(database.url, { ...shared, BACKGROUND_JOBS: "off" }),
    ]);
    nginx = await startNginx([a.port, b.port]);
    world = await createLiveWorld(database.db, { voters: VOTERS });
  }, 60_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await nginx?.stop();
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it("carries a check-in and a sweep's notification to the other process", async () => {
    const staff = await open(a.url, world.staff.cookie);
    expect(await request(staff, "meeting:join", { meetingId: world.meetingId })).toMatchObject({ ok: true });
    const absent = await open(b.url, world.absent.cookie);
    expect(await request(absent, "meeting:join", { meetingId: world.meetingId })).toMatchObject({ ok: true });

    const meChanged = nextEvent(absent, "meeting:me-changed", (p) => p.meetingId === world.meetingId);
    const state = nextEvent(absent, "meeting:state", (s) => s.meetingId === world.meetingId);
    const checkIn = { meetingId: world.meetingId, participantId: world.absent.participantId, present: true };
    expect(await request(staff, "participant:set-checked-in", checkIn)).toMatchObject({ ok: true });
    await meChanged;
    await state;

    // The same staff member's tab on B hears of the overdue reminder A's sweep writes.
    const staffOnB = await open(b.url, world.staff.cookie);
    const categories = await createCategories(database.db, world.communityId);
    const issue = await createIssue(database.db, {
      communityId: world.communityId,
      categoryId: categories.environment.id,
      reporterId: world.voters[0].userId,
      title: "楼道灯坏了",
    });
    const notified = nextEvent(staffOnB, "notifications:changed", (p) => p.unread > 0, 15_000);
    await database.db.issue.update({ where: { id: issue.id }, data: { triageDueAt: new Date(Date.now() - 60_000) } });
    expect((await notified).unread).toBeGreaterThan(0);
  });

  it("shows a projector consistent tallies whose versions only go up, one per change, with voters on both processes", async () => {
    const host = await open(a.url, world.host.cookie);
    expect(await request(host, "meeting:join", { meetingId: world.meetingId })).toMatchObject({ ok: true });
    const projectors = [await open(a.url, world.observer.cookie), await open(b.url, world.observer.cookie)];
    for (const p of projectors) expect(await request(p, "meeting:join", { meetingId: world.meetingId })).toMatchObject({ ok: true });
    const voters = await Promise.all(world.voters.map((v, i) => open(i % 2 ? b.url : a.url, v.cookie)));
    for (const v of voters) expect(await request(v, "meeting:join", { meetingId: world.meetingId })).toMatchObject({ ok: true });

    const opened = await request(host, "poll:open", {
      meetingId: world.meetingId,
      question: "是否同意更换小区大门？",
      kind: "yes_no_abstain",
      ballotMode: "named",
      passRule: "majority_cast",
    });
    expect(opened).toMatchObject({ ok: true });
    const pollId = opened.pollId as string;
    const seen = projectors.map((p) => {
      const list: TallyUpdate[] = [];
      p.on("poll:tally", (t) => t.pollId === pollId && list.push(t));
      return list;
    });
    const choices = ["yes", "no", "abstain"];
    const answers = await Promise.all(
      voters.map((v, i) => request(v, "vote:cast", { pollId, choices: [choices[i % 3]], idempotencyKey: idempotencyKey() })),
    );
    for (const answer of answers) expect(answer).toMatchObject({ ok: true });
    await until(() => seen.every((list) => list.some((t) => t.votesCast === VOTERS)));

    for (const list of seen) {
      const versions = list.map((t) => t.version);
      // One broadcast per change: no version reaches a screen twice (it would if each process sent its own).
      expect(new Set(versions).size).toBe(versions.length);
      for (const tally of list) {
        // One snapshot: the options add up to the ballots counted at that version.
        const sum = Object.values(tally.counts ?? {}).reduce((s, n) => s + n, 0);
        expect(sum).toBe(tally.votesCast + tally.manualVoters);
      }
      // What the screen shows (it keeps only newer versions, app/realtime/tally-order.ts) never goes back.
      let shown = { version: -1, votesCast: 0 };
      for (const tally of list) if (tally.version > shown.version) shown = tally;
      const shownCounts = list.filter((t, i) => list.slice(0, i).every((e) => e.version < t.version)).map((t) => t.votesCast);
      expect(shownCounts).toEqual([...shownCounts].sort((x, y) => x - y));
      expect(shown.votesCast).toBe(VOTERS);
    }
    // A screen joining afterwards on either process starts from the final numbers: ballots committed on one
    // process drop the other's copy of the numbers (poll:numbers-changed), not a stale count.
    for (const url of [a.url, b.url]) {
      const late = await open(url, world.observer.cookie);
      const joined = await request(late, "meeting:join", { meetingId: world.meetingId });
      expect(joined).toMatchObject({ ok: true, snapshot: { state: { poll: { id: pollId, votesCast: VOTERS } } } });
    }
    expect(await request(host, "poll:close", { pollId })).toMatchObject({ ok: true });
  });

  it("lets a phone that can only long-poll connect and vote through nginx's round-robin", async () => {
    const host = await open(a.url, world.host.cookie);
    expect(await request(host, "meeting:join", { meetingId: world.meetingId })).toMatchObject({ ok: true });
    const opened = await request(host, "poll:open", {
      meetingId: world.meetingId,
      question: "是否同意在东门设置快递柜？",
      kind: "yes_no_abstain",
      ballotMode: "named",
      passRule: "majority_cast",
    });
    const pollId = opened.pollId as string;
    onTestFinished(async () => {
      await request(host, "poll:close", { pollId }).catch(() => undefined);
    });
    // Several polling phones (each its own session, so the hash spreads them) vote and hear the tally.
    const phones = world.voters.slice(0, 6).map((v) => browserLikeVoter(nginx.url, v.cookie, world.meetingId, ["polling"]));
    try {
      await allLive(phones);
      // Listening first: the tally may be sent by the other process before this phone's own ack arrives.
      const heard = nextEvent(phones[0].socket, "poll:tally", (t) => t.pollId === pollId && t.votesCast === phones.length, 20_000);
      const receipts = await Promise.all(
        phones.map((phone) => phone.transport.send({ pollId, choices: ["yes"], idempotencyKey: idempotencyKey() })),
      );
      for (const receipt of receipts) expect(receipt).toMatchObject({ ok: true });
      expect((await heard).counts).toMatchObject({ yes: phones.length });
      // Every phone stayed on its first connection (affinity held for each polling request), and the hash
      // put phones on both processes.
      for (const phone of phones) expect(phone.joins).toHaveLength(1);
      const held = await Promise.all([a, b].map(socketsOn));
      expect(held.every((n) => n > 0)).toBe(true);
    } finally {
      for (const phone of phones) phone.close();
    }
  });
  it("loses no ballot and counts none twice when a process is killed mid-poll; every phone rejoins through nginx", async () => {
    const host = await open(a.url, world.host.cookie);
    expect(await request(host, "meeting:join", { meetingId: world.meetingId })).toMatchObject({ ok: true });
    const opened = await request(host, "poll:open", {
      meetingId: world.meetingId,
      question: "是否同意延长活动室开放时间？",
      kind: "yes_no_abstain",
      ballotMode: "secret",
      passRule: "majority_cast",
    });
    expect(opened).toMatchObject({ ok: true });
    const pollId = opened.pollId as string;

    // Round-robin spreads the websocket phones over both processes; one phone can only long-poll.
    const phones: BrowserLikeVoter[] = world.voters.map((v, i) =>
      browserLikeVoter(nginx.url, v.cookie, world.meetingId, i === 0 ? ["polling"] : ["websocket"]),
    );
    try {
      await allLive(phones);
      let recorded = 0;
      const ballots = phones.map(
        (phone, i): Promise<Awaited<ReturnType<typeof deliverBallot>>> =>
          new Promise((resolve) =>
            setTimeout(
              () => {
                const ballot: PendingBallot = {
                  meetingId: world.meetingId,
                  pollId,
                  voterId: world.voters[i].participantId!,
                  choices: [["yes", "no", "abstain"][i % 3]],
                  idempotencyKey: `cluster-${adapter}-${i}`,
                  queuedAt: Date.now(),
                };
                resolve(
                  deliverBallot(ballot, phone.transport).then((outcome) => {
                    if (outcome?.state === "recorded") recorded++;
                    return outcome;
                  }),
                );
              },
              Math.floor((i * 600) / phones.length),
            ),
          ),
      );
      // Mid-poll: once the first ballot is stored, while the others are still being cast (over 600 ms).
      await until(() => recorded > 0);
      expect(recorded).toBeLessThan(VOTERS);
      await b.kill();
      const outcomes = await Promise.all(ballots);
      for (const outcome of outcomes) expect(outcome).toMatchObject({ state: "recorded" });
      // The phones that were on B came back through nginx (to A) and rejoined.
      expect(phones.filter((p) => p.joins.length > 1).length).toBeGreaterThan(0);
      await allLive(phones);

      const records = await database.db.voteRecord.count({ where: { pollId } });
      const poll = await database.db.poll.findUniqueOrThrow({ where: { id: pollId }, select: { votesCast: true } });
      expect(records).toBe(VOTERS);
      expect(poll.votesCast).toBe(VOTERS);
      const closed = await request(host, "poll:close", { pollId });
      expect(closed).toMatchObject({ ok: true });
      const boxes = await database.db.ballot.aggregate({ where: { pollId }, _sum: { weight: true } });
      expect(boxes._sum.weight).toBe(VOTERS);
    } finally {
      for (const phone of phones) phone.close();
    }
  });
});
