import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePollResult } from "../../app/domain/voting/result";
import type { Handshake } from "../../app/realtime/protocol";
import { PROTOCOL_VERSION, REFUSAL_REASONS } from "../../app/realtime/protocol";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import { connect, idempotencyKey, request } from "../helpers/live-meeting";
import { liveRoom, nextEvent } from "../helpers/live-room";
import type { RunningServer } from "../helpers/server";
import { startServer } from "../helpers/server";

/**
 * Live voting against a real server (the production build) with real socket.io clients. Each test holds a
 * live meeting of its own (helpers/live-room.ts); the database is inspected directly where a rule is about
 * storage.
 */
const providers = [
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
] as const;

describe.each(providers)("live voting on %s", (_name, fresh) => {
  let database: TestDatabase;
  let server: RunningServer;
  const room = (voters: number) => liveRoom(database.db, server.url, { voters });

  beforeAll(async () => {
    database = await fresh();
    server = await startServer(database.url);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("counts a ballot once: a second ballot is refused, a retry with the same key gets the first answer", async () => {
    const { world, join, openPoll } = await room(1);
    const host = await join(world.host.cookie);
    const pollId = await openPoll(host);
    const socket = await join(world.voters[0].cookie);
    const key = idempotencyKey();
    const first = await request(socket, "vote:cast", { pollId, choices: ["yes"], idempotencyKey: key });
    expect(first).toMatchObject({ ok: true, replay: false, votesCast: 1 });
    const retry = await request(socket, "vote:cast", { pollId, choices: ["yes"], idempotencyKey: key });
    expect(retry).toMatchObject({ ok: true, replay: true });
    const again = await request(socket, "vote:cast", { pollId, choices: ["no"], idempotencyKey: idempotencyKey() });
    expect(again).toEqual({ ok: false, reason: "conflict", message: "meetings:errors.alreadyVoted", values: {} });
    expect(await database.db.voteRecord.count({ where: { pollId } })).toBe(1);
    expect(await request(host, "poll:close", { pollId })).toMatchObject({ ok: true });
  });

  it("refuses ballots from people without a vote: absent, observers, outsiders", async () => {
    const { world, connect, join, openPoll } = await room(3);
    const pollId = await openPoll(await join(world.host.cookie));
    for (const person of [world.absent, world.observer, world.outsider]) {
      const socket = await connect(person.cookie);
      const response = await request(socket, "vote:cast", { pollId, choices: ["yes"], idempotencyKey: idempotencyKey() });
      expect(response).toMatchObject({ ok: false, reason: "forbidden", message: "meetings:errors.notEligible" });
    }
    const socket = await join(world.voters[1].cookie);
    // Voting in someone else's name without holding their proxy is refused too.
    const impersonation = await request(socket, "vote:cast", {
      pollId,
      choices: ["yes"],
      forParticipantId: world.voters[2].participantId,
      idempotencyKey: idempotencyKey(),
    });
    expect(impersonation).toMatchObject({ ok: false, reason: "forbidden", message: "meetings:errors.notEligible" });
    expect(await database.db.voteRecord.count({ where: { pollId } })).toBe(0);
  });

  it("refuses a ballot after the close with “poll closed”", async () => {
    const { world, join, openPoll } = await room(1);
    const host = await join(world.host.cookie);
    const pollId = await openPoll(host);
    const socket = await join(world.voters[0].cookie);
    expect(await request(host, "poll:close", { pollId })).toMatchObject({ ok: true });
    const late = await request(socket, "vote:cast", { pollId, choices: ["yes"], idempotencyKey: idempotencyKey() });
    expect(late).toMatchObject({ ok: false, reason: "conflict", message: "meetings:errors.pollClosed" });
  });

  it("lets only the host or staff open and close polls", async () => {
    const { world, connect, join, openPoll } = await room(1);
    const host = await join(world.host.cookie);
    const socket = await join(world.voters[0].cookie);
    const open = await request(socket, "poll:open", {
      meetingId: world.meetingId,
      question: "我能发起表决吗？",
      kind: "yes_no_abstain",
      ballotMode: "named",
      passRule: "majority_cast",
    });
    expect(open).toMatchObject({ ok: false, reason: "forbidden", message: "meetings:errors.forbidden" });
    const pollId = await openPoll(host);
    expect(await request(socket, "poll:close", { pollId })).toMatchObject({
      ok: false,
      reason: "forbidden",
      message: "meetings:errors.forbidden",
    });
    const outsider = await connect(world.outsider.cookie);
    expect(await request(outsider, "meeting:start", { meetingId: world.meetingId })).toMatchObject({
      ok: false,
      reason: "forbidden",
      message: "meetings:errors.forbidden",
    });
    const anonymous = await connect("");
    expect(await request(anonymous, "meeting:join", { meetingId: world.meetingId })).toMatchObject({
      ok: false,
      reason: "unauthenticated",
      message: "meetings:errors.signInRequired",
    });
    expect(await request(anonymous, "vote:cast", { pollId, choices: ["yes"], idempotencyKey: idempotencyKey() })).toMatchObject({
      ok: false,
      reason: "unauthenticated",
      message: "meetings:errors.signInRequired",
    });
    // Staff may close a poll the host opened.
    const staff = await connect(world.staff.cookie);
    expect(await request(staff, "poll:close", { pollId })).toMatchObject({ ok: true });
  });

  it("closing while ballots arrive: every ballot is either in the result or refused as closed", async () => {
    const { world, join, openPoll } = await room(8);
    const host = await join(world.host.cookie);
    const pollId = await openPoll(host, { ballotMode: "secret" });
    const voters = await Promise.all(world.voters.map((v) => join(v.cookie)));
    const cast = (socket: (typeof voters)[number], i: number) =>
      request(socket, "vote:cast", { pollId, choices: [i % 3 === 0 ? "no" : "yes"], idempotencyKey: idempotencyKey() });
    // Half the room has voted; the other half presses as the host closes.
    const before = await Promise.all(voters.slice(0, 4).map((socket, i) => cast(socket, i)));
    const racing = voters.slice(4).map((socket, i) => cast(socket, i + 4));
    const closing = request(host, "poll:close", { pollId });
    const answers = [...before, ...(await Promise.all(racing))];
    const closed = await closing;
    expect(closed.ok).toBe(true);
    expect(before.every((a) => a.ok)).toBe(true);
    const accepted = answers.filter((a) => a.ok).length;
    const refused = answers.filter((a) => !a.ok);
    expect(refused.every((a) => a.reason === "conflict" && a.message === "meetings:errors.pollClosed")).toBe(true);
    expect(accepted + refused.length).toBe(voters.length);
    const poll = await database.db.poll.findUniqueOrThrow({ where: { id: pollId } });
    const result = parsePollResult(poll.result);
    expect(result?.ballotsElectronic).toBe(accepted);
    expect(await database.db.voteRecord.count({ where: { pollId } })).toBe(accepted);
    expect(result?.options.reduce((s, o) => s + o.total, 0)).toBe(accepted);
  });
});

describe("live voting on SQLite: secrecy, robustness and recovery", () => {
  let database: TestDatabase;
  let server: RunningServer;
  const room = (voters: number) => liveRoom(database.db, server.url, { voters });

  beforeAll(async () => {
    database = await freshSqlite();
    server = await startServer(database.url);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("a secret ballot leaves no link between a voter and a choice: not in rows, ids, order, audit log or any payload", async () => {
    const { world, join, openPoll } = await room(6);
    const host = await join(world.host.cookie);
    const payloads: string[] = [];
    const watchers = await Promise.all(world.voters.map((v) => join(v.cookie)));
    for (const socket of [host, ...watchers]) socket.onAny((event, payload) => payloads.push(JSON.stringify([event, payload])));
    const pollId = await openPoll(host, { ballotMode: "secret" });
    const choices = ["yes", "no", "yes", "abstain", "yes", "no"];
    const acks = await Promise.all(
      watchers.map((socket, i) => request(socket, "vote:cast", { pollId, choices: [choices[i]], idempotencyKey: idempotencyKey() })),
    );
    for (const ack of acks) {
      expect(ack.ok).toBe(true);
      payloads.push(JSON.stringify(ack));
    }
    for (const socket of watchers) payloads.push(JSON.stringify(await request(socket, "meeting:snapshot", { meetingId: world.meetingId })));
    // Everything the close sends (the state with the result, the final tally) is part of what is checked.
    const broadcasts = [host, ...watchers].flatMap((socket) => [
      nextEvent(socket, "meeting:state", (state) => state.poll?.id === pollId && state.poll.status === "closed"),
      nextEvent(socket, "poll:tally", (tally) => tally.pollId === pollId && tally.counts !== null),
    ]);
    const closed = await request(host, "poll:close", { pollId });
    payloads.push(JSON.stringify(closed));
    await Promise.all(broadcasts);

    // Storage: who voted (VoteRecord) has no choice and no time; what was chosen (Ballot) has no voter.
    const records = await database.db.voteRecord.findMany({ where: { pollId } });
    expect(records).toHaveLength(6);
    for (const r of records) {
      expect(Object.keys(r).sort()).toEqual(["castById", "createdAt", "id", "idempotencyKey", "pollId", "voterId"]);
      expect(r.createdAt.getTime()).toBe(0);
    }
    const ballots = await database.db.ballot.findMany({ where: { pollId } });
    expect(ballots.every((b) => b.voterId === null)).toBe(true);
    // One box per distinct answer, with a count: nothing per person to line up with the records.
    expect(ballots.map((b) => [b.choices, b.weight]).sort()).toEqual([
      ['["abstain"]', 1],
      ['["no"]', 2],
      ['["yes"]', 3],
    ]);
    const audit = await database.db.auditLog.findMany({ where: { OR: [{ entityId: pollId }, { data: { contains: pollId } }] } });
    for (const row of audit) expect(row.data ?? "").not.toMatch(/"choices"|"choice"/);

    // Payloads: no event or ack pairs a participant or user id with an answer.
    const voterIds = world.voters.flatMap((v) => [v.participantId as string, v.userId]);
    for (const text of payloads) {
      const parsed = JSON.parse(text);
      const walk = (value: unknown): void => {
        if (Array.isArray(value)) return value.forEach(walk);
        if (value && typeof value === "object") {
          const record = value as Record<string, unknown>;
          const mentionsVoter = Object.values(record).some((v) => typeof v === "string" && voterIds.includes(v));
          if (mentionsVoter) expect(record.choices ?? null).toBeNull();
          Object.values(record).forEach(walk);
        }
      };
      walk(parsed);
    }
    const result = parsePollResult((await database.db.poll.findUniqueOrThrow({ where: { id: pollId } })).result);
    expect(result?.options.map((o) => [o.key, o.total])).toEqual([
      ["yes", 3],
      ["no", 2],
      ["abstain", 1],
    ]);
  });

  it("answers malformed and unknown payloads with a refusal and keeps serving", async () => {
    const { world, join } = await room(1);
    const socket = await join(world.voters[0].cookie);
    const bad: [string, unknown][] = [
      ["vote:cast", null],
      ["vote:cast", "yes"],
      ["vote:cast", { pollId: 42, choices: "yes", idempotencyKey: "k" }],
      ["vote:cast", { pollId: "x".repeat(5000), choices: ["yes"], idempotencyKey: idempotencyKey() }],
      ["vote:cast", { pollId: "p", choices: Array.from({ length: 10_000 }, () => "yes"), idempotencyKey: idempotencyKey() }],
      ["poll:open", { meetingId: world.meetingId, kind: "bogus" }],
      ["meeting:join", { meetingId: { $ne: null } }],
      ["comment:post", { meetingId: world.meetingId, agendaItemId: world.agendaItemId, body: "" }],
    ];
    for (const [event, payload] of bad) {
      const response = await request(socket, event as "vote:cast", payload);
      expect(response.ok).toBe(false);
      expect(REFUSAL_REASONS).toContain(response.reason);
      expect(response.message).toMatch(/^(meetings:errors\.|errors\.)/);
    }
    // Events without an ack, unknown events and garbage arguments are ignored without harm.
    (socket.emit as unknown as (...args: unknown[]) => void)("vote:cast", { pollId: "p" });
    (socket.emit as unknown as (...args: unknown[]) => void)("no:such-event", 1, 2, 3);
    (socket.emit as unknown as (...args: unknown[]) => void)("meeting:join");
    const fine = await request(socket, "meeting:snapshot", { meetingId: world.meetingId });
    expect(fine.ok).toBe(true);
    expect((await fetch(`${server.url}/healthz`)).ok).toBe(true);
  });

  it("refuses a page of another protocol version at the handshake, before any event", async () => {
    const { world } = await room(1);
    for (const handshake of [{ protocolVersion: PROTOCOL_VERSION - 1 }, {} as Handshake]) {
      const refused = await connect(server.url, world.voters[0].cookie, handshake).then(
        () => null,
        (error: Error & { data?: unknown }) => error,
      );
      expect(refused?.data).toEqual({ ok: false, reason: "version_mismatch", message: "errors.realtime.version_mismatch" });
    }
  });

  it("broadcasts tallies coalesced, not one message per ballot", async () => {
    const { world, join, openPoll } = await room(15);
    const host = await join(world.host.cookie);
    const voters = await Promise.all(world.voters.map((v) => join(v.cookie)));
    const pollId = await openPoll(host);
    let tallies = 0;
    let last = 0;
    host.on("poll:tally", (t) => {
      if (t.pollId !== pollId) return;
      tallies++;
      last = t.votesCast;
    });
    const all = nextEvent(host, "poll:tally", (t) => t.pollId === pollId && t.votesCast === 15);
    await Promise.all(voters.map((s) => request(s, "vote:cast", { pollId, choices: ["yes"], idempotencyKey: idempotencyKey() })));
    await all;
    expect(last).toBe(15);
    expect(tallies).toBeGreaterThan(0);
    expect(tallies).toBeLessThan(15);
    await request(host, "poll:close", { pollId });
  });

  it("after a reconnect the client gets a fresh snapshot: a poll closed meanwhile is not shown open", async () => {
    const { world, join, openPoll } = await room(1);
    const host = await join(world.host.cookie);
    const pollId = await openPoll(host);
    const phone = await join(world.voters[0].cookie);
    const before = await request(phone, "meeting:snapshot", { meetingId: world.meetingId });
    expect((before.snapshot as { state: { poll: { id: string; status: string } } }).state.poll).toMatchObject({
      id: pollId,
      status: "open",
    });
    phone.disconnect();
    await request(host, "poll:close", { pollId });
    const again = await join(world.voters[0].cookie);
    const after = await request(again, "meeting:snapshot", { meetingId: world.meetingId });
    expect((after.snapshot as { state: { poll: { id: string; status: string; result: unknown } } }).state.poll).toMatchObject({
      id: pollId,
      status: "closed",
    });
    expect((after.snapshot as { me: { votes: unknown[] } }).me.votes).toEqual([]);
  });

  it("merges a proxy's vote and a staff hand count into the result, marked as such", async () => {
    // Enough members present that three hands and two phones are not more votes than people in the room.
    const { world, join, openPoll } = await room(6);
    const host = await join(world.host.cookie);
    const staff = await join(world.staff.cookie);
    const holder = world.voters[0];
    await database.db.participant.update({
      where: { id: holder.participantId as string },
      data: { proxyForId: world.absent.participantId },
    });
    const pollId = await openPoll(host, { ballotMode: "secret" });
    const phone = await join(holder.cookie);
    const snapshot = await request(phone, "meeting:snapshot", { meetingId: world.meetingId });
    expect((snapshot.snapshot as { me: { votes: { voterId: string; viaProxy: boolean }[] } }).me.votes).toEqual([
      expect.objectContaining({ voterId: holder.participantId, viaProxy: false }),
      expect.objectContaining({ voterId: world.absent.participantId, viaProxy: true }),
    ]);
    expect(await request(phone, "vote:cast", { pollId, choices: ["yes"], idempotencyKey: idempotencyKey() })).toMatchObject({ ok: true });
    expect(
      await request(phone, "vote:cast", {
        pollId,
        choices: ["no"],
        forParticipantId: world.absent.participantId,
        idempotencyKey: idempotencyKey(),
      }),
    ).toMatchObject({ ok: true });
    const mismatch = await request(staff, "poll:hand-count", { pollId, source: "hand", voters: 3, counts: { yes: 2, no: 0, abstain: 0 } });
    expect(mismatch).toMatchObject({ ok: false, reason: "invalid", message: "meetings:errors.handCountMismatch" });
    expect(
      await request(staff, "poll:hand-count", { pollId, source: "hand", voters: 3, counts: { yes: 2, no: 1, abstain: 0 } }),
    ).toMatchObject({ ok: true });
    const resident = await join(world.voters[1].cookie);
    expect(await request(resident, "poll:hand-count", { pollId, source: "hand", voters: 1, counts: { yes: 1 } })).toMatchObject({
      ok: false,
      reason: "forbidden",
      message: "meetings:errors.forbidden",
    });
    const closed = await request(host, "poll:close", { pollId });
    expect(closed.result).toMatchObject({ ballotsElectronic: 2, ballotsManual: 3, proxyBallots: 1 });
    expect((closed.result as { options: { key: string; electronic: number; manual: number }[] }).options).toEqual([
      expect.objectContaining({ key: "yes", electronic: 1, manual: 2, total: 3 }),
      expect.objectContaining({ key: "no", electronic: 1, manual: 1, total: 2 }),
      expect.objectContaining({ key: "abstain", electronic: 0, manual: 0, total: 0 }),
    ]);
  });

  it("a server killed mid-poll and restarted still counts every acknowledged ballot", async () => {
    // This test kills its server, so it runs one of its own.
    let own = await startServer(database.url);
    try {
      const { world, join, openPoll } = await liveRoom(database.db, () => own.url, { voters: 20 });
      const host = await join(world.host.cookie);
      const pollId = await openPoll(host);
      const voters = await Promise.all(world.voters.map((v) => join(v.cookie)));
      const acked: string[] = [];
      const cast = (i: number) =>
        request(voters[i], "vote:cast", { pollId, choices: ["yes"], idempotencyKey: `kill-${i}-${pollId}` })
          .then((a) => {
            if (a.ok) acked.push(world.voters[i].participantId as string);
          })
          .catch(() => undefined);
      // Half the ballots are acknowledged; the process dies with the other half in flight.
      await Promise.all(Array.from({ length: 10 }, (_, i) => cast(i)));
      const inFlight = Array.from({ length: 10 }, (_, i) => cast(10 + i));
      await own.kill();
      await Promise.allSettled(inFlight);
      own = await startServer(database.url);
      expect(acked.length).toBeGreaterThanOrEqual(10);
      const stored = await database.db.voteRecord.findMany({ where: { pollId }, select: { voterId: true } });
      for (const id of acked) expect(stored.map((s) => s.voterId)).toContain(id);
      // Retrying every voter with the same key after the restart: acked ones replay, the rest are counted now.
      const again = await Promise.all(world.voters.map((v) => join(v.cookie)));
      const answers = await Promise.all(
        again.map((socket, i) => request(socket, "vote:cast", { pollId, choices: ["yes"], idempotencyKey: `kill-${i}-${pollId}` })),
      );
      expect(answers.every((a) => a.ok)).toBe(true);
      const newHost = await join(world.host.cookie);
      const closed = await request(newHost, "poll:close", { pollId });
      expect(closed.ok).toBe(true);
      expect((closed.result as { ballotsElectronic: number }).ballotsElectronic).toBe(20);
    } finally {
      await own.stop();
    }
  });
});
