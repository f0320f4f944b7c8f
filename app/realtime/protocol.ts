/**
 * The socket.io contract, shared by server and browser (modelled on tldraw's sync protocol: one file, typed
 * messages, a version, a closed set of refusal reasons). Every client event carries an ack; the server
 * answers with `Ack<T>`: either data or a `Refusal`, never a thrown error. Payloads are validated on the
 * server with the zod schemas in app/schemas, so the input types below are those schemas' input types.
 *
 * The version travels in the handshake (`auth: { protocolVersion }`) and is checked before a connection is
 * accepted; a mismatch is refused with a connect_error whose `data` is a `version_mismatch` refusal, and the
 * page asks to be reloaded. Bump PROTOCOL_VERSION whenever an event's shape changes.
 */
import type { z } from "zod";
import type { MeetingSnapshot, MeetingState, PersonalState } from "../domain/meetings/state.server";
import type { PollResult } from "../domain/voting/result";
import type {
  CheckInSchema,
  CommentSchema,
  HideContentSchema,
  MeetingRefSchema,
  OpinionSchema,
  SetCurrentItemSchema,
  SpeakerRefSchema,
} from "../schemas/meetings";
import type { CastBallotSchema, HandCountSchema, PollDefinitionSchema, PollRefSchema } from "../schemas/voting";

export const PROTOCOL_VERSION = 4;

/** What the client sends when it connects (socket.io's `auth`). */
export interface Handshake {
  protocolVersion: number;
}

/**
 * Why an event was refused: the domain's refusals (one per DomainError kind, see web/error-mapping.ts),
 * the protocol's own, and two the client answers itself when no answer can come.
 */
export const REFUSAL_REASONS = [
  "not_found",
  "forbidden",
  "conflict",
  "invalid",
  "rate_limited",
  "unauthenticated",
  "unavailable",
  "malformed",
  "version_mismatch",
  "unexpected",
  "offline",
  "timeout",
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/**
 * A refused event. `reason` is what a program decides on (retry or not); `message` is the translation key
 * of the specific sentence the screen shows ("meetings:errors.pollClosed"), with its `values`.
 */
export type Refusal = { ok: false; reason: RefusalReason; message: string; values?: Record<string, string | number> };
export type Ack<T> = ({ ok: true } & T) | Refusal;
export type AckCallback<T> = (response: Ack<T>) => void;

export function refusal(reason: RefusalReason, message: string, values?: Record<string, string | number>): Refusal {
  return values ? { ok: false, reason, message, values } : { ok: false, reason, message };
}

/** Refusals the same request may overcome if sent again (the connection, a restart, a budget refilling). */
export const RETRYABLE_REASONS: ReadonlySet<RefusalReason> = new Set<RefusalReason>([
  "offline",
  "timeout",
  "unavailable",
  "rate_limited",
  "unexpected",
]);

/** Why the server closed a connection for good (`session:ended`): translation keys the screen shows. */
export const SESSION_END_REASONS = ["errors.realtime.signed_out", "errors.realtime.session_ended", "errors.realtime.flooding"] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

export type { MeetingSnapshot, MeetingState, PersonalState, PollResult };

/** Broadcast per poll at most every 100 ms while ballots arrive (never one message per ballot). */
export interface TallyUpdate {
  meetingId: string;
  pollId: string;
  /**
   * The poll's tally version (Poll.tallyVersion) this snapshot was read at: every process reads the same
   * counter, so a screen keeps the highest it has seen and drops older tallies, whoever sends them.
   */
  version: number;
  votesCast: number;
  manualVoters: number;
  /** Per option key, electronic and manual merged; null while "results hidden until close". */
  counts: Record<string, number> | null;
}

export interface BallotReceipt {
  pollId: string;
  voterId: string;
  /** Electronic votes recorded in this poll right after this ballot committed. */
  votesCast: number;
  changed: boolean;
  /** True when this answers a retry of an earlier ballot with the same idempotency key. */
  replay: boolean;
}

type In<S extends z.ZodType> = z.input<S>;
type Empty = Record<never, never>;

export interface ClientToServerEvents {
  /** Who am I? (The protocol version itself is checked at the handshake; this answers with it too.) */
  "session:hello": (payload: { protocolVersion: number }, ack: AckCallback<{ userId: string | null; protocolVersion: number }>) => void;
  /** Join the meeting's room and get a fresh snapshot (also after every reconnect). */
  "meeting:join": (payload: In<typeof MeetingRefSchema>, ack: AckCallback<{ snapshot: MeetingSnapshot }>) => void;
  "meeting:snapshot": (payload: In<typeof MeetingRefSchema>, ack: AckCallback<{ snapshot: MeetingSnapshot }>) => void;
  "meeting:leave": (payload: In<typeof MeetingRefSchema>, ack: AckCallback<Empty>) => void;
  "meeting:check-in": (payload: In<typeof MeetingRefSchema>, ack: AckCallback<Empty>) => void;
  "meeting:start": (payload: In<typeof MeetingRefSchema>, ack: AckCallback<Empty>) => void;
  "meeting:end": (payload: In<typeof MeetingRefSchema>, ack: AckCallback<Empty>) => void;
  "agenda:set-current": (payload: In<typeof SetCurrentItemSchema>, ack: AckCallback<Empty>) => void;
  "speaker:raise": (payload: In<typeof MeetingRefSchema>, ack: AckCallback<Empty>) => void;
  "speaker:lower": (payload: In<typeof MeetingRefSchema>, ack: AckCallback<Empty>) => void;
  "speaker:give-floor": (payload: In<typeof SpeakerRefSchema>, ack: AckCallback<Empty>) => void;
  "speaker:end": (payload: In<typeof MeetingRefSchema>, ack: AckCallback<Empty>) => void;
  "comment:post": (payload: In<typeof CommentSchema>, ack: AckCallback<Empty>) => void;
  "opinion:post": (payload: In<typeof OpinionSchema>, ack: AckCallback<Empty>) => void;
  "content:hide": (payload: In<typeof HideContentSchema>, ack: AckCallback<Empty>) => void;
  "participant:set-checked-in": (payload: In<typeof CheckInSchema>, ack: AckCallback<Empty>) => void;
  "poll:open": (payload: In<typeof PollDefinitionSchema>, ack: AckCallback<{ pollId: string }>) => void;
  "poll:close": (payload: In<typeof PollRefSchema>, ack: AckCallback<{ result: PollResult }>) => void;
  "poll:hand-count": (payload: In<typeof HandCountSchema>, ack: AckCallback<Empty>) => void;
  "vote:cast": (payload: In<typeof CastBallotSchema>, ack: AckCallback<BallotReceipt>) => void;
}

export interface ServerToClientEvents {
  /** Sent to a person's own room when something new arrives for them. */
  "notifications:changed": (payload: { unread: number }) => void;
  /** Sent to staff's own rooms when an issue of their community arrives or moves: the triage list refetches. */
  "triage:changed": (payload: { communityId: string }) => void;
  /** The meeting's public state after any change (coalesced to at most one per 100 ms per meeting). */
  "meeting:state": (state: MeetingState) => void;
  "poll:tally": (tally: TallyUpdate) => void;
  /** Something about this person changed (checked in by staff, given the floor): ask for a snapshot. */
  "meeting:me-changed": (payload: { meetingId: string }) => void;
  /**
   * The server is about to disconnect this socket and will not take it back: signed out, session expired,
   * or too many events. `reason` is a translation key the screen shows; reconnecting is up to the person.
   */
  "session:ended": (payload: { reason: SessionEndReason }) => void;
}

export type ClientEvent = keyof ClientToServerEvents;

export interface SocketData {
  userId: string | null;
}

/**
 * Between app processes (through the socket adapter): a meeting's public state changed, so every process
 * drops its cached copy; or only a poll's numbers changed (ballots), so they drop just those and keep the
 * agenda, attendance and speakers (broadcasts.server.ts). Not part of the client protocol.
 */
export interface InterServerEvents {
  "meeting:changed": (meetingId: string) => void;
  "poll:numbers-changed": (pollId: string) => void;
}

/** Room names, in one place so server and tests agree. */
export const rooms = {
  user: (userId: string) => `user:${userId}`,
  meeting: (meetingId: string) => `meeting:${meetingId}`,
  /** Every socket of one sign-in, so signing out can disconnect them on every process at once. */
  session: (sessionKey: string) => `session:${sessionKey}`,
};
