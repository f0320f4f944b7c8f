import type { Socket } from "socket.io";
import type { z } from "zod";
import { isSessionActive } from "../domain/accounts/sessions.server";
import type { CurrentUser } from "../domain/accounts/sessions.server";
import { isDomainError, notFound, unauthenticated } from "../domain/errors";
import { requireFollower } from "../domain/meetings/access.server";
import {
  checkInSelf,
  endMeeting,
  endSpeaker,
  giveFloor,
  hideContent,
  lowerHand,
  postComment,
  postOpinion,
  raiseHand,
  setCheckedIn,
  setCurrentItem,
  startMeeting,
} from "../domain/meetings/in-meeting.server";
import { snapshotFor } from "../domain/meetings/state.server";
import { castBallot } from "../domain/voting/cast-ballot.server";
import { addHandCount, closePoll, openPoll, warmUpForVoting } from "../domain/voting/polls.server";
import { systemClock } from "../infra/clock";
import { getDb } from "../infra/db.server";
import {
  CheckInSchema,
  CommentSchema,
  HideContentSchema,
  MeetingRefSchema,
  OpinionSchema,
  SetCurrentItemSchema,
  SpeakerRefSchema,
} from "../schemas/meetings";
import { CastBallotSchema, HandCountSchema, PollDefinitionSchema, PollRefSchema } from "../schemas/voting";
import { countBallotAcked } from "../web/edge/metrics.server";
import { refusalOf } from "../web/error-mapping";
import { getCurrentUser } from "../web/session.server";
import type { MeetingEntry } from "./broadcasts.server";
import { liveFor } from "./broadcasts.server";
import type {
  Ack,
  ClientEvent,
  ClientToServerEvents,
  InterServerEvents,
  MeetingSnapshot,
  Refusal,
  ServerToClientEvents,
  SessionEndReason,
  SocketData,
} from "./protocol";
import { refusal, rooms } from "./protocol";
import type { EventLimiter } from "./rate-limits.server";
import { EVENT_BUDGETS } from "./rate-limits.server";
import { noteLocalWrite } from "../infra/local-writes";
import type { YishiServer } from "./socket-server.server";

type YishiSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type AckData<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[1] extends (response: Ack<infer T>) => void ? T : never;

/**
 * The signed-in person behind a socket. Their memberships are re-read every minute (roles change rarely).
 * Whether the session still signs them in is verified again for any event more than SESSION_CHECK_MS after
 * the last verification (the connection's own read counts, so a join right after connecting costs nothing
 * extra); a ballot is verified in the very transaction that writes it (writeBallotBatch), so no ballot is
 * stored for a session that is gone. Signing out ends the sockets at once on every process
 * (end-session-sockets); the bound only matters for a session deleted or an account disabled behind the
 * app's back, which stops other events within a second.
 */
const ACTOR_TTL_MS = 60_000;
export const SESSION_CHECK_MS = 1_000;
interface SocketCache {
  cookie: string;
  sessionId: string | null;
  actor: CurrentUser | null;
  loadedAt: number;
  /** When the verification behind the current answer began; one in flight is shared by the socket's events. */
  verifiedAt: number;
  verifying: Promise<boolean> | null;
  /** meetingId → this person's participant id there (null: not on the roll). */
  participants: Map<string, string | null>;
  /** The session was found gone at an event: after answering it, the socket is ended. */
  ended?: boolean;
}
const caches = new WeakMap<YishiSocket, SocketCache>();

/** The connection middleware has just read the session: keep it, so the first event costs no extra query. */
export function rememberActor(socket: YishiSocket, actor: CurrentUser | null, sessionId: string | null): void {
  caches.set(socket, {
    cookie: socket.request.headers.cookie ?? "",
    sessionId: actor ? sessionId : null,
    actor,
    loadedAt: Date.now(),
    verifiedAt: Date.now(),
    verifying: null,
    participants: new Map(),
  });
}

export function sessionIdOf(socket: YishiSocket): string | null {
  return caches.get(socket)?.sessionId ?? null;
}

/**
 * Tells the screen why, then disconnects; socket.io sends both in order and the client does not reconnect.
 * The connection itself is closed too (after the buffered packets drain), so a flood still in flight is not
 * parsed any further.
 */
export function endSocket(socket: YishiSocket, reason: SessionEndReason): void {
  socket.emit("session:ended", { reason });
  socket.disconnect(true);
}

/** The session was found gone: on() answers the event first, then ends the socket (a disconnect before the ack would lose it). */
function sessionGone(cache: SocketCache): void {
  cache.actor = null;
  cache.sessionId = null;
  cache.ended = true;
}

async function actorOf(socket: YishiSocket, sessionVerifiedLater: boolean): Promise<CurrentUser | null> {
  const cache = caches.get(socket);
  if (!cache?.actor || !cache.sessionId) return null;
  if (!sessionVerifiedLater && Date.now() - cache.verifiedAt > SESSION_CHECK_MS) {
    const sessionId = cache.sessionId;
    if (!cache.verifying) {
      const startedAt = Date.now();
      cache.verifying = isSessionActive(getDb(), systemClock, sessionId).finally(() => {
        cache.verifying = null;
      });
      void cache.verifying.then((active) => active && (cache.verifiedAt = startedAt)).catch(() => undefined);
    }
    if (!(await cache.verifying)) {
      sessionGone(cache);
      return null;
    }
    if (!cache.actor) return null;
  }
  if (Date.now() - cache.loadedAt > ACTOR_TTL_MS) {
    cache.actor = await getCurrentUser(new Request("http://socket.local/", { headers: { cookie: cache.cookie } }));
    cache.loadedAt = Date.now();
    cache.participants.clear();
  }
  return cache.actor;
}

/**
 * Events one socket may have in progress at once; later ones wait their turn (the window budget bounds that
 * queue). Without this a burst of thirty snapshots would queue in front of every other meeting's queries;
 * waiting rather than refusing means a screen's parallel refreshes are never lost.
 */
const MAX_IN_FLIGHT_PER_SOCKET = 3;

/**
 * Every incoming event passes the rate limits before any parsing or query (socket.use runs ahead of the
 * listeners, including events nobody listens to). Over budget: a refusal ack with the wait; far over the
 * budget: the socket is told why and disconnected.
 */
export function limitEvents(socket: YishiSocket, limiter: EventLimiter): void {
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const finished = () => {
    inFlight--;
    const nextInLine = waiting.shift();
    if (nextInLine) nextInLine();
  };
  socket.use((packet, next) => {
    const args = packet as unknown as unknown[];
    const event = args[0];
    const ack = args.length > 1 ? args[args.length - 1] : undefined;
    const known = typeof event === "string" && Object.hasOwn(EVENT_BUDGETS, event);
    const personKey = caches.get(socket)?.actor?.id ?? `ip:${socket.handshake.address}`;
    limiter
      .admit(known ? (event as ClientEvent) : "session:hello", socket.id, personKey)
      .then((admission) => {
        if (admission.verdict === "disconnect") return endSocket(socket, "errors.realtime.flooding");
        // The protocol gives every event an ack; one without cannot be answered, so it is not run either.
        if (typeof ack !== "function") return;
        const reply = ack as (response: unknown) => void;
        if (admission.verdict === "refuse")
          return reply(refusal("rate_limited", "errors.realtime.rate_limited", { seconds: admission.retryAfterSeconds }));
        if (!known) return reply(refusal("malformed", "errors.realtime.malformed"));
        const start = () => {
          inFlight++;
          let answered = false;
          args[args.length - 1] = (response: unknown) => {
            reply(response);
            if (!answered) {
              answered = true;
              finished();
            }
          };
          next();
        };
        if (inFlight < MAX_IN_FLIGHT_PER_SOCKET) start();
        else waiting.push(start);
      })
      .catch((error: unknown) => {
        console.error("[realtime] rate limiter failed", error instanceof Error ? error.message : error);
        if (typeof ack === "function") (ack as (response: unknown) => void)(refusal("unexpected", "errors.unexpected"));
      });
  });
  socket.on("disconnect", () => {
    waiting.length = 0;
    limiter.forgetSocket(socket.id);
  });
}

function refusalFromZod(error: z.ZodError): Refusal {
  const message = error.issues[0]?.message ?? "";
  // Schema messages are translation keys; anything else (zod's own English) becomes the generic message.
  return refusal("invalid", /^[a-z]+:errors\.|^errors\./.test(message) ? message : "meetings:errors.malformed");
}

/**
 * Registers one event: zod parse → signed-in actor → handler (a use case, which authorises with
 * requirePermission) → ack. A DomainError becomes a refusal through the same mapping HTTP uses
 * (web/error-mapping.ts); nothing a client sends can throw past here.
 */
function on<E extends ClientEvent, S extends z.ZodType>(
  socket: YishiSocket,
  event: E,
  schema: S,
  handler: (input: z.infer<S>, actor: CurrentUser) => Promise<AckData<E>>,
  /** "in-handler": the handler verifies the session itself, where it writes (ballots). */
  sessionCheck: "before" | "in-handler" = "before",
) {
  // socket.io's typed listener signature is per event; the wrapper checks every argument itself.
  (socket.on as unknown as (e: string, l: (payload: unknown, ack: unknown) => void) => void)(event, (payload, ack) => {
    const reply = typeof ack === "function" ? (ack as (r: unknown) => void) : () => undefined;
    void (async () => {
      try {
        const parsed = schema.safeParse(payload);
        if (!parsed.success) return reply(refusalFromZod(parsed.error));
        const actor = await actorOf(socket, sessionCheck === "in-handler");
        if (!actor) {
          reply(refusalOf(unauthenticated("meetings:errors.signInRequired")));
          if (caches.get(socket)?.ended) endSocket(socket, "errors.realtime.session_ended");
          return;
        }
        const data = await handler(parsed.data, actor);
        if (EVENT_BUDGETS[event] === "write") noteLocalWrite();
        reply({ ok: true, ...(data as object) });
      } catch (error) {
        if (isDomainError(error) && error.kind === "unauthenticated" && sessionCheck === "in-handler") {
          // The handler found the session gone: same answer and the same end as a check before it.
          const cache = caches.get(socket);
          if (cache) sessionGone(cache);
          reply(refusalOf(error));
          return endSocket(socket, "errors.realtime.session_ended");
        }
        if (isDomainError(error)) return reply(refusalOf(error));
        console.error(`[realtime] ${event} failed`, error instanceof Error ? error.message : error);
        reply(refusal("unexpected", "errors.unexpected"));
      }
    })();
  });
}

export function registerMeetingHandlers(io: YishiServer, socket: YishiSocket): void {
  const db = getDb;
  const live = liveFor(io);
  const clock = systemClock;

  // Who this socket is on each meeting's roll, so a ballot needs no lookup before it is queued.
  const participants = caches.get(socket)?.participants ?? new Map<string, string | null>();
  const ballots = live.ballotChannel(participants, () => sessionIdOf(socket));

  /**
   * The meeting and its public state come from the copy every screen shares (one read per change, not one
   * per join, see Live.meeting); only this person's part is read for them.
   */
  async function followed(actor: CurrentUser, meetingId: string) {
    const entry = await live.meeting(meetingId);
    if (!entry) throw notFound("meetings:errors.meetingNotFound");
    await requireFollower(db(), actor, entry.ref);
    return entry;
  }
  const snapshot = (actor: CurrentUser, { ref, state }: MeetingEntry): Promise<MeetingSnapshot> => snapshotFor(db(), actor, ref, state);

  on(socket, "meeting:join", MeetingRefSchema, async ({ meetingId }, actor) => {
    const entry = await followed(actor, meetingId);
    await socket.join(rooms.meeting(meetingId));
    const result = await snapshot(actor, entry);
    participants.set(meetingId, result.me?.participantId ?? null);
    return { snapshot: result };
  });
  on(socket, "meeting:snapshot", MeetingRefSchema, async ({ meetingId }, actor) => {
    return { snapshot: await snapshot(actor, await followed(actor, meetingId)) };
  });
  on(socket, "meeting:leave", MeetingRefSchema, async ({ meetingId }) => {
    await socket.leave(rooms.meeting(meetingId));
    return {};
  });
  on(socket, "meeting:check-in", MeetingRefSchema, async ({ meetingId }, actor) => {
    await checkInSelf(db(), clock, actor, meetingId);
    live.stateChanged(meetingId);
    live.personChanged(actor.id, meetingId);
    return {};
  });
  on(socket, "meeting:start", MeetingRefSchema, async ({ meetingId }, actor) => {
    await startMeeting(db(), clock, actor, meetingId);
    live.stateChanged(meetingId);
    return {};
  });
  on(socket, "meeting:end", MeetingRefSchema, async ({ meetingId }, actor) => {
    await endMeeting(db(), clock, actor, meetingId);
    live.stateChanged(meetingId);
    return {};
  });
  on(socket, "agenda:set-current", SetCurrentItemSchema, async ({ meetingId, agendaItemId }, actor) => {
    await setCurrentItem(db(), clock, actor, meetingId, agendaItemId);
    live.stateChanged(meetingId);
    return {};
  });
  on(socket, "speaker:raise", MeetingRefSchema, async ({ meetingId }, actor) => {
    await raiseHand(db(), clock, actor, meetingId);
    live.stateChanged(meetingId);
    return {};
  });
  on(socket, "speaker:lower", MeetingRefSchema, async ({ meetingId }, actor) => {
    await lowerHand(db(), clock, actor, meetingId);
    live.stateChanged(meetingId);
    return {};
  });
  on(socket, "speaker:give-floor", SpeakerRefSchema, async ({ meetingId, requestId }, actor) => {
    await giveFloor(db(), clock, actor, meetingId, requestId);
    live.stateChanged(meetingId);
    return {};
  });
  on(socket, "speaker:end", MeetingRefSchema, async ({ meetingId }, actor) => {
    await endSpeaker(db(), clock, actor, meetingId);
    live.stateChanged(meetingId);
    return {};
  });
  on(socket, "comment:post", CommentSchema, async (input, actor) => {
    await postComment(db(), clock, actor, input);
    live.stateChanged(input.meetingId);
    return {};
  });
  on(socket, "opinion:post", OpinionSchema, async (input, actor) => {
    await postOpinion(db(), clock, actor, input);
    live.stateChanged(input.meetingId);
    return {};
  });
  on(socket, "content:hide", HideContentSchema, async (input, actor) => {
    await hideContent(db(), clock, actor, input);
    live.stateChanged(input.meetingId);
    return {};
  });
  on(socket, "participant:set-checked-in", CheckInSchema, async (input, actor) => {
    const userId = await setCheckedIn(db(), clock, actor, input.meetingId, input.participantId, input.present);
    live.stateChanged(input.meetingId);
    live.personChanged(userId, input.meetingId);
    return {};
  });
  on(socket, "poll:open", PollDefinitionSchema, async (input, actor) => {
    const poll = await openPoll(db(), clock, actor, input);
    live.stateChanged(input.meetingId);
    void warmUpForVoting(db(), poll.id).catch((error: unknown) =>
      console.error("[realtime] priming the ballot path failed", error instanceof Error ? error.message : error),
    );
    return { pollId: poll.id };
  });
  on(socket, "poll:close", PollRefSchema, async ({ pollId }, actor) => {
    const result = await closePoll(db(), clock, actor, pollId);
    const meetingId = await live.meetingOfPoll(pollId);
    if (meetingId) {
      live.stateChanged(meetingId);
      live.tallyChanged(meetingId, pollId);
    }
    return { result };
  });
  on(socket, "poll:hand-count", HandCountSchema, async (input, actor) => {
    await addHandCount(db(), clock, actor, input);
    const meetingId = await live.meetingOfPoll(input.pollId);
    if (meetingId) live.tallyChanged(meetingId, input.pollId);
    return {};
  });
  // The hot path: no query beyond the cached lookups before the ballot joins the next group commit, which
  // also verifies the session of every ballot in it (one read per batch instead of one per ballot).
  on(
    socket,
    "vote:cast",
    CastBallotSchema,
    async (input, actor) => {
      const { pollId, voterId, votesCast, changed, replay } = await castBallot(ballots, actor, input);
      countBallotAcked();
      return { pollId, voterId, votesCast, changed, replay };
    },
    "in-handler",
  );
}
