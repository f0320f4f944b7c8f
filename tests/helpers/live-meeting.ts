/**
 * A live meeting written straight into a database, with signed session cookies, for socket tests and the
 * live-vote bench: no password hashing, so a thousand voters take a second, not minutes.
 */
import { createCookie } from "@remix-run/node";
import crypto from "node:crypto";
import type { Socket } from "socket.io-client";
import { io } from "socket.io-client";
import type { Actor } from "../../app/domain/permissions";
import type { BallotTransport } from "../../app/realtime/ballot-delivery";
import { JOIN_TIMEOUT_MS, LiveGate, SOCKET_RECONNECTION, socketTransport } from "../../app/realtime/ballot-delivery";
import type { ClientToServerEvents, Handshake, RefusalReason, ServerToClientEvents } from "../../app/realtime/protocol";
import { PROTOCOL_VERSION } from "../../app/realtime/protocol";
import type { Db } from "../../app/infra/db.server";

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export const TEST_SESSION_SECRET = "integration-test-secret-0123456789";

const tag = () => crypto.randomBytes(4).toString("hex");

export async function cookieFor(db: Db, userId: string, secret = TEST_SESSION_SECRET): Promise<string> {
  const id = crypto.randomBytes(32).toString("base64url");
  await db.session.create({ data: { id, userId, expiresAt: new Date(Date.now() + 24 * 3600_000) } });
  const serialized = await createCookie("yishi_session", { path: "/", secrets: [secret] }).serialize(id);
  return serialized.split(";")[0];
}

export interface LivePerson {
  userId: string;
  participantId: string | null;
  cookie: string;
  actor: Actor;
}

export interface LiveWorld {
  communityId: string;
  streetId: string;
  meetingId: string;
  agendaItemId: string;
  host: LivePerson;
  staff: LivePerson;
  voters: LivePerson[];
  /** On the roll with a vote but not checked in. */
  absent: LivePerson;
  /** On the roll, checked in, without a vote. */
  observer: LivePerson;
  /** A resident of the community who is not on the roll. */
  outsider: LivePerson;
}

/** A street, a community, a live meeting with `voters` checked-in voting members, and everyone's cookies. */
export async function createLiveWorld(db: Db, options: { voters: number; secret?: string; meetingStatus?: string }): Promise<LiveWorld> {
  const t = tag();
  const street = await db.street.create({ data: { slug: `st-${t}`, nameZh: "测试街道", nameEn: "Test Street" } });
  const community = await db.community.create({
    data: { streetId: street.id, slug: `c-${t}`, nameZh: "测试社区", nameEn: "Test Community" },
  });
  const now = new Date();
  const users = Array.from({ length: options.voters + 5 }, (_, i) => ({
    id: crypto.randomUUID(),
    username: `u${i}-${t}`,
    displayName: `居民${i}`,
    passwordHash: "x",
  }));
  await db.user.createMany({ data: users });
  const [hostUser, staffUser, absentUser, observerUser, outsiderUser, ...voterUsers] = users;
  const roles: [typeof hostUser, string][] = [
    [hostUser, "meeting_host"],
    [staffUser, "community_staff"],
    [absentUser, "resident"],
    [observerUser, "resident"],
    [outsiderUser, "resident"],
    ...voterUsers.map((u) => [u, "resident"] as [typeof hostUser, string]),
  ];
  await db.membership.createMany({
    data: roles.map(([u, role]) => ({ userId: u.id, communityId: community.id, role, isResidentRep: role === "resident" })),
  });
  const meeting = await db.meeting.create({
    data: {
      communityId: community.id,
      code: `T${t}`.toUpperCase().slice(0, 8),
      title: "测试议事会",
      form: "roundtable",
      startsAt: now,
      place: "议事厅",
      hostId: hostUser.id,
      status: options.meetingStatus ?? "live",
      startedAt: now,
      createdById: staffUser.id,
    },
  });
  const item = await db.agendaItem.create({ data: { meetingId: meeting.id, position: 1, title: "测试议题", status: "current" } });
  await db.meeting.update({ where: { id: meeting.id }, data: { currentAgendaItemId: item.id } });
  const participants = [
    ...voterUsers.map((u) => ({
      id: crypto.randomUUID(),
      meetingId: meeting.id,
      userId: u.id,
      name: u.displayName,
      role: "resident_rep",
      canVote: true,
      checkedInAt: now,
    })),
    {
      id: crypto.randomUUID(),
      meetingId: meeting.id,
      userId: absentUser.id,
      name: absentUser.displayName,
      role: "resident_rep",
      canVote: true,
      checkedInAt: null,
    },
    {
      id: crypto.randomUUID(),
      meetingId: meeting.id,
      userId: observerUser.id,
      name: observerUser.displayName,
      role: "observer",
      canVote: false,
      checkedInAt: now,
    },
  ];
  await db.participant.createMany({ data: participants });
  const pid = new Map(participants.map((p) => [p.userId, p.id]));
  const sessions = users.map((u) => ({
    id: crypto.randomBytes(32).toString("base64url"),
    userId: u.id,
    expiresAt: new Date(Date.now() + 24 * 3600_000),
  }));
  await db.session.createMany({ data: sessions });
  const cookie = createCookie("yishi_session", { path: "/", secrets: [options.secret ?? TEST_SESSION_SECRET] });
  const cookies = await Promise.all(sessions.map(async (s) => (await cookie.serialize(s.id)).split(";")[0]));
  const person = (index: number, role: string): LivePerson => ({
    userId: users[index].id,
    participantId: pid.get(users[index].id) ?? null,
    cookie: cookies[index],
    actor: {
      id: users[index].id,
      streetAdminOfId: null,
      memberships: [
        {
          communityId: community.id,
          streetId: street.id,
          role: role as never,
          isResidentRep: role === "resident",
          unitId: null,
          gridId: null,
        },
      ],
    },
  });
  return {
    communityId: community.id,
    streetId: street.id,
    meetingId: meeting.id,
    agendaItemId: item.id,
    host: person(0, "meeting_host"),
    staff: person(1, "community_staff"),
    absent: person(2, "resident"),
    observer: person(3, "resident"),
    outsider: person(4, "resident"),
    voters: voterUsers.map((_, i) => person(i + 5, "resident")),
  };
}

/** A socket as the browser opens it (the protocol version in the handshake), connected; rejects if refused. */
export async function connect(
  url: string,
  cookie: string,
  handshake: Handshake = { protocolVersion: PROTOCOL_VERSION },
): Promise<TestSocket> {
  const socket: TestSocket = io(url, {
    transports: ["websocket"],
    extraHeaders: { cookie },
    auth: { ...handshake },
    reconnection: false,
    forceNew: true,
    timeout: 10_000,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (error) => {
      socket.disconnect();
      reject(error);
    });
  });
  return socket;
}

/** What a socket event answers: data, or a refusal with its reason and message. */
export type Answer = Record<string, unknown> & { ok: boolean; reason?: RefusalReason; message?: string; values?: Record<string, unknown> };

/** Emits and waits for the ack, with a timeout so a missing ack fails the test instead of hanging it. */
export function request<E extends keyof ClientToServerEvents>(
  socket: TestSocket,
  event: E,
  payload: unknown,
  timeoutMs = 10_000,
): Promise<Answer> {
  const timed = socket.timeout(timeoutMs);
  const emit = timed.emitWithAck.bind(timed) as unknown as (e: E, p: unknown) => Promise<Answer>;
  return emit(event, payload);
}

export const idempotencyKey = () => crypto.randomUUID();

/**
 * A voter whose connection behaves like the browser's (`app/realtime/client.tsx`): socket.io's reconnection
 * with the app's delays, the protocol version in the handshake, a join after every (re)connect, and a LiveGate that opens once joined. Ballots
 * go through the real `deliverBallot`, so tests and the bench exercise the policy a phone runs.
 */
export interface BrowserLikeVoter {
  socket: TestSocket;
  gate: LiveGate;
  transport: BallotTransport;
  /** Date.now() of every successful join, the first included. */
  joins: number[];
  close(): void;
}

export function browserLikeVoter(
  url: string,
  cookie: string,
  meetingId: string,
  transports: ("websocket" | "polling")[] = ["websocket"],
): BrowserLikeVoter {
  const socket: TestSocket = io(url, {
    transports,
    extraHeaders: { cookie },
    auth: { protocolVersion: PROTOCOL_VERSION },
    forceNew: true,
    timeout: 10_000,
    ...SOCKET_RECONNECTION,
  });
  const gate = new LiveGate();
  const joins: number[] = [];
  socket.on("connect", async () => {
    const joined = await socket
      .timeout(JOIN_TIMEOUT_MS)
      .emitWithAck("meeting:join", { meetingId })
      .catch(() => null);
    if (joined?.ok) {
      joins.push(Date.now());
      gate.set(true);
    } else if (!joined && socket.connected) socket.disconnect().connect();
  });
  socket.on("disconnect", () => gate.set(false));
  return { socket, gate, transport: socketTransport(socket, gate), joins, close: () => socket.disconnect() };
}

/** Resolves once every voter is joined, or rejects after `ms`. */
export async function allLive(voters: BrowserLikeVoter[], ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (voters.some((v) => !v.gate.isLive())) {
    if (Date.now() > deadline) throw new Error(`${voters.filter((v) => !v.gate.isLive()).length} voters never joined`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
