/**
 * The socket.io contract, shared by server and browser. Every client event carries an ack; the server
 * answers with `Ack<T>`: either data or a refusal whose reason is a translation key ("meetings:errors.…"),
 * never a thrown error. Payloads are validated on the server with the zod schemas in app/schemas, so the
 * input types below are those schemas' input types.
 * Bump PROTOCOL_VERSION whenever an event's shape changes, so old tabs know to reload.
 */
import type { z } from "zod";
import type { MeetingState, PersonalState } from "../domain/meetings/state.server";
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

export const PROTOCOL_VERSION = 2;

export type Refusal = { ok: false; reason: string; values?: Record<string, string | number> };
export type Ack<T> = ({ ok: true } & T) | Refusal;
export type AckCallback<T> = (response: Ack<T>) => void;

export type { MeetingState, PersonalState, PollResult };

/** Everything a screen needs after joining or reconnecting: never patched from older state. */
export interface MeetingSnapshot {
  state: MeetingState;
  /** null for people who only watch (the projector signed in as staff still gets their permissions). */
  me: PersonalState | null;
}

/** Broadcast per poll at most every 100 ms while ballots arrive (never one message per ballot). */
export interface TallyUpdate {
  meetingId: string;
  pollId: string;
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
  /** First message after every (re)connect: who am I, and does my protocol still match? */
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
  /** The meeting's public state after any change (coalesced to at most one per 100 ms per meeting). */
  "meeting:state": (state: MeetingState) => void;
  "poll:tally": (tally: TallyUpdate) => void;
  /** Something about this person changed (checked in by staff, given the floor): ask for a snapshot. */
  "meeting:me-changed": (payload: { meetingId: string }) => void;
  /**
   * The server is about to disconnect this socket and will not take it back: signed out, session expired,
   * or too many events. `reason` is a translation key the screen shows; reconnecting is up to the person.
   */
  "session:ended": (payload: { reason: string }) => void;
}

export type ClientEvent = keyof ClientToServerEvents;

export interface SocketData {
  userId: string | null;
}

/** Room names, in one place so server and tests agree. */
export const rooms = {
  user: (userId: string) => `user:${userId}`,
  meeting: (meetingId: string) => `meeting:${meetingId}`,
  /** Every socket of one sign-in, so signing out can disconnect them on every process at once. */
  session: (sessionKey: string) => `session:${sessionKey}`,
};
