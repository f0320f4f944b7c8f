/**
 * What the live server keeps in memory to make joins cheap (ADR 0019), and the proof that a change is seen:
 * the meeting copy every join shares, the session check folded into the ballot batch, the one-statement
 * session read; on SQLite and PostgreSQL, and across two processes sharing PostgreSQL and the socket adapter.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { personOfSession } from "../../app/domain/accounts/sessions.server";
import { writeBallotBatch } from "../../app/domain/voting/ballots.server";
import { systemClock } from "../../app/infra/clock";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import { createCommunity, createUnit, createUser } from "../helpers/fixtures";
import type { TestSocket } from "../helpers/live-meeting";
import { connect, createLiveWorld, idempotencyKey, request } from "../helpers/live-meeting";
import { nextEvent } from "../helpers/live-room";
import type { RunningServer } from "../helpers/server";
import { startServer } from "../helpers/server";

type Snapshot = { state: { title: string; attendance: { checkedIn: number }; poll: { id: string; status: string } | null } };

async function joined(
  url: string,
  cookie: string,
  meetingId: string,
  sockets: TestSocket[],
): Promise<{ socket: TestSocket; snapshot: Snapshot }> {
  const socket = await connect(url, cookie);
  sockets.push(socket);
  const answer = await request(socket, "meeting:join", { meetingId });
  expect(answer).toMatchObject({ ok: true });
  return { socket, snapshot: answer.snapshot as Snapshot };
}

describe.each([
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
] as const)("%s", (_name, fresh) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await fresh();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("reads a session's person, roles and street in one statement, and nobody for an expired, disabled or unknown session", async () => {
    const { db } = database;
    const place = await createCommunity(db);
    const other = await createCommunity(db);
    const unit = await createUnit(db, {
      streetId: other.street.id,
      communityId: other.community.id,
      kind: "company",
      sectorGroup: "livelihood",
      nameZh: "物业公司",
      nameEn: "Property company",
    });
    const person = await createUser(db, { communityId: place.community.id, role: "resident", isResidentRep: true });
    await db.membership.create({ data: { userId: person.user.id, communityId: other.community.id, role: "unit_rep", unitId: unit.id } });
    await db.membership.create({ data: { userId: person.user.id, communityId: other.community.id, role: "no-longer-a-role" } });
    const session = async (expiresInMs: number) => {
      const id = crypto.randomBytes(32).toString("base64url");
      await db.session.create({ data: { id, userId: person.user.id, expiresAt: new Date(Date.now() + expiresInMs) } });
      return id;
    };
    const live = await session(3600_000);
    const found = await personOfSession(db, systemClock, live);
    expect(found).toMatchObject({ id: person.user.id, username: person.username, displayName: person.user.displayName, locale: null });
    expect(found?.memberships).toEqual([
      { communityId: place.community.id, streetId: place.street.id, role: "resident", isResidentRep: true, unitId: null, gridId: null },
      { communityId: other.community.id, streetId: other.street.id, role: "unit_rep", isResidentRep: false, unitId: unit.id, gridId: null },
    ]);

    const noRoles = await createUser(db);
    const bare = crypto.randomBytes(32).toString("base64url");
    await db.session.create({ data: { id: bare, userId: noRoles.user.id, expiresAt: new Date(Date.now() + 3600_000) } });
    expect((await personOfSession(db, systemClock, bare))?.memberships).toEqual([]);

    expect(await personOfSession(db, systemClock, await session(-1000))).toBeNull();
    expect(await personOfSession(db, systemClock, "no-such-session")).toBeNull();
    await db.user.update({ where: { id: person.user.id }, data: { disabledAt: new Date() } });
    expect(await personOfSession(db, systemClock, live)).toBeNull();
  });

  it("stores no ballot whose session is gone: the batch verifies every session in the transaction that writes it", async () => {
    const { db } = database;
    const world = await createLiveWorld(db, { voters: 3 });
    const poll = await db.poll.create({
      data: {
        meetingId: world.meetingId,
        question: "是否同意？",
        kind: "yes_no_abstain",
        ballotMode: "named",
        passRule: "majority_cast",
        status: "open",
        openedAt: new Date(),
        createdById: world.host.userId,
      },
    });
    const sessionOf = async (userId: string) => (await db.session.findFirstOrThrow({ where: { userId } })).id;
    const [kept, signedOut, expired] = world.voters;
    const keptSession = await sessionOf(kept!.userId);
    const signedOutSession = await sessionOf(signedOut!.userId);
    const expiredSession = await sessionOf(expired!.userId);
    await db.session.delete({ where: { id: signedOutSession } });
    await db.session.update({ where: { id: expiredSession }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const ballot = (voter: typeof kept, sessionId: string) => ({
      pollId: poll.id,
      casterId: voter!.participantId!,
      voterId: voter!.participantId!,
      choices: ["yes"],
      idempotencyKey: idempotencyKey(),
      sessionId,
    });
    const outcomes = await writeBallotBatch(db, systemClock, poll.id, [
      ballot(kept, keptSession),
      ballot(signedOut, signedOutSession),
      ballot(expired, expiredSession),
    ]);
    expect(outcomes.map((o) => (o.ok ? "ok" : o.error.kind))).toEqual(["ok", "unauthenticated", "unauthenticated"]);
    const stored = await db.voteRecord.findMany({ where: { pollId: poll.id }, select: { voterId: true } });
    expect(stored.map((r) => r.voterId)).toEqual([kept!.participantId]);
    expect((await db.poll.findUniqueOrThrow({ where: { id: poll.id } })).votesCast).toBe(1);
  });
});

// A copy that would otherwise be served for a minute: only the invalidation can make a join see a change.
const LONG_LIVED_COPY = { YISHI_LIVE_STATE_MAX_AGE_MS: "60000" };

describe("one process: the meeting copy joins share", () => {
  let database: TestDatabase;
  let server: RunningServer;
  let longLived: RunningServer;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    database = await freshSqlite();
    [server, longLived] = await Promise.all([startServer(database.url), startServer(database.url, LONG_LIVED_COPY)]);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all([server?.stop(), longLived?.stop()]);
    await database?.drop();
  });

  it("a join right after a change made through the live server sees it, with no wait", async () => {
    const world = await createLiveWorld(database.db, { voters: 2 });
    const staff = await joined(longLived.url, world.staff.cookie, world.meetingId, sockets);
    const before = (await joined(longLived.url, world.voters[0]!.cookie, world.meetingId, sockets)).snapshot;
    expect(
      await request(staff.socket, "participant:set-checked-in", {
        meetingId: world.meetingId,
        participantId: world.absent.participantId!,
        present: true,
      }),
    ).toMatchObject({ ok: true });
    const after = (await joined(longLived.url, world.voters[1]!.cookie, world.meetingId, sockets)).snapshot;
    expect(after.state.attendance.checkedIn).toBe(before.state.attendance.checkedIn + 1);

    const pollOpened = await request(staff.socket, "poll:open", {
      meetingId: world.meetingId,
      question: "是否同意？",
      kind: "yes_no_abstain",
      ballotMode: "secret",
      passRule: "majority_cast",
    });
    expect((await joined(longLived.url, world.voters[0]!.cookie, world.meetingId, sockets)).snapshot.state.poll).toMatchObject({
      id: pollOpened.pollId,
      status: "open",
    });
    expect(await request(staff.socket, "poll:close", { pollId: pollOpened.pollId as string })).toMatchObject({ ok: true });
    expect((await joined(longLived.url, world.voters[1]!.cookie, world.meetingId, sockets)).snapshot.state.poll).toMatchObject({
      status: "closed",
    });
  });

  it("a ballot is seen by the next join at once, and a title changed behind the server's back is not: ballots refresh the poll's numbers, not the meeting", async () => {
    const world = await createLiveWorld(database.db, { voters: 2 });
    const staff = await joined(longLived.url, world.staff.cookie, world.meetingId, sockets);
    const opened = await request(staff.socket, "poll:open", {
      meetingId: world.meetingId,
      question: "是否同意？",
      kind: "yes_no_abstain",
      ballotMode: "named",
      passRule: "majority_cast",
    });
    const voter = await joined(longLived.url, world.voters[0]!.cookie, world.meetingId, sockets);
    expect(voter.snapshot.state.poll).toMatchObject({ id: opened.pollId, votesCast: 0 });
    // Behind the live server's back: only a change announced through it may drop the copy.
    await database.db.meeting.update({ where: { id: world.meetingId }, data: { title: "背后改的标题" } });
    const receipt = await request(voter.socket, "vote:cast", {
      pollId: opened.pollId as string,
      choices: ["yes"],
      idempotencyKey: idempotencyKey(),
    });
    expect(receipt).toMatchObject({ ok: true });
    const next = (await joined(longLived.url, world.voters[1]!.cookie, world.meetingId, sockets)).snapshot.state;
    expect(next.poll).toMatchObject({ id: opened.pollId, votesCast: 1, counts: { yes: 1 } });
    expect(next.title).toBe("测试议事会");
  });

  it("a change made behind the live server's back is seen by joins within the copy's maximum age (1 s)", async () => {
    const world = await createLiveWorld(database.db, { voters: 1 });
    expect((await joined(server.url, world.voters[0]!.cookie, world.meetingId, sockets)).snapshot.state.title).toBe("测试议事会");
    await database.db.meeting.update({ where: { id: world.meetingId }, data: { title: "改过的标题" } });
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await joined(server.url, world.staff.cookie, world.meetingId, sockets)).snapshot.state.title).toBe("改过的标题");
  });
});

describe("two processes on PostgreSQL with the socket adapter", () => {
  let database: TestDatabase;
  let first: RunningServer;
  let second: RunningServer;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    database = await freshPostgres();
    [first, second] = await Promise.all([
      startServer(database.url, { SOCKET_ADAPTER: "postgres", ...LONG_LIVED_COPY }),
      startServer(database.url, { SOCKET_ADAPTER: "postgres", ...LONG_LIVED_COPY }),
    ]);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all([first?.stop(), second?.stop()]);
    await database?.drop();
  });

  it("a change made on one process drops the other's copy: a join there sees it at once", async () => {
    const world = await createLiveWorld(database.db, { voters: 2 });
    const watcher = await joined(first.url, world.voters[0]!.cookie, world.meetingId, sockets);
    const host = await joined(second.url, world.host.cookie, world.meetingId, sockets);
    // The first process has just read the meeting for these joins; its copy is fresh.
    await joined(first.url, world.staff.cookie, world.meetingId, sockets);
    const broadcast = nextEvent(watcher.socket, "meeting:state", (state) => state.poll?.status === "open");
    const opened = await request(host.socket, "poll:open", {
      meetingId: world.meetingId,
      question: "是否同意？",
      kind: "yes_no_abstain",
      ballotMode: "secret",
      passRule: "majority_cast",
    });
    expect(opened).toMatchObject({ ok: true });
    // The state broadcast crosses from the second process after the invalidation (same channel, later).
    await broadcast;
    const after = await joined(first.url, world.voters[1]!.cookie, world.meetingId, sockets);
    expect(after.snapshot.state.poll).toMatchObject({ id: opened.pollId, status: "open" });
  });
});
