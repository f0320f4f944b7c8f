import type { Db } from "../infra/db.server";
import { getDb } from "../infra/db.server";
import { systemClock } from "../infra/clock";
import type { MeetingState } from "../domain/meetings/state.server";
import { meetingState } from "../domain/meetings/state.server";
import { BallotQueue } from "../domain/voting/ballots.server";
import type { BallotChannel } from "../domain/voting/cast-ballot.server";
import { meetingOfPoll } from "../domain/voting/cast-ballot.server";
import { participantIdOf } from "../domain/meetings/access.server";
import { liveTally } from "../domain/voting/polls.server";
import type { YishiServer } from "./socket-server.server";
import { rooms } from "./protocol";

export const BROADCAST_INTERVAL_MS = 100;

/**
 * Runs a job per key at most once per interval: requests during a run or within the interval fold into one
 * more run. This is how tallies and meeting state reach every screen without one message per ballot.
 */
export class Coalescer {
  private slots = new Map<string, { timer: NodeJS.Timeout | null; running: boolean; again: boolean; lastRun: number }>();
  constructor(private readonly intervalMs: number) {}

  request(key: string, job: () => Promise<void>): void {
    const slot = this.slots.get(key) ?? { timer: null, running: false, again: false, lastRun: 0 };
    this.slots.set(key, slot);
    if (slot.running) {
      slot.again = true;
      return;
    }
    if (slot.timer) return;
    const wait = Math.max(0, slot.lastRun + this.intervalMs - Date.now());
    slot.timer = setTimeout(() => void this.run(key, job), wait);
  }

  private async run(key: string, job: () => Promise<void>) {
    const slot = this.slots.get(key);
    if (!slot) return;
    slot.timer = null;
    slot.running = true;
    slot.lastRun = Date.now();
    try {
      await job();
    } catch (error) {
      console.error(`[realtime] broadcast ${key} failed`, error instanceof Error ? error.message : error);
    } finally {
      slot.running = false;
      if (slot.again) {
        slot.again = false;
        this.request(key, job);
      }
      // The slot stays (with lastRun) so the next request still waits out the interval; idle ones are pruned.
      if (this.slots.size > 5_000) this.prune();
    }
  }

  private prune() {
    const cutoff = Date.now() - 10 * this.intervalMs;
    for (const [key, slot] of this.slots) if (!slot.running && !slot.timer && slot.lastRun < cutoff) this.slots.delete(key);
  }
}

/**
 * Shares one database read among callers who all need a result read *after* they asked: a caller arriving
 * while a read is running waits for the next one (which starts when the current one ends), and everyone
 * waiting shares it. Two thousand phones rejoining after a restart cost a handful of reads, and none of them
 * gets state older than their request (so a closed poll is never shown open).
 */
export class FreshShared<T> {
  private slots = new Map<string, { running: Promise<T> | null; queued: Promise<T> | null }>();

  get(key: string, read: () => Promise<T>): Promise<T> {
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { running: null, queued: null };
      this.slots.set(key, slot);
    }
    const s = slot;
    const start = (): Promise<T> => {
      const p: Promise<T> = read().finally(() => {
        if (s.running === p) s.running = null;
        if (!s.running && !s.queued) this.slots.delete(key);
      });
      s.running = p;
      return p;
    };
    if (!s.running) return start();
    if (!s.queued) {
      s.queued = s.running
        .then(
          () => undefined,
          () => undefined,
        )
        .then(() => {
          s.queued = null;
          return start();
        });
    }
    return s.queued;
  }
}

export interface Live {
  ballots: BallotQueue;
  /** The meeting's public state changed: broadcast it (coalesced). */
  stateChanged(meetingId: string): void;
  /** Ballots or hand counts changed a poll's numbers: broadcast the tally (coalesced). */
  tallyChanged(meetingId: string, pollId: string): void;
  /** Something about one person changed: their screens ask for a fresh snapshot. */
  personChanged(userId: string | null, meetingId: string): void;
  meetingOfPoll(pollId: string): Promise<string | null>;
  /** The meeting's public state, read after this call (shared with concurrent callers). */
  freshState(meetingId: string): Promise<MeetingState | null>;
  /**
   * Ballots into the group commit, with the lookups answered from memory where possible. `participants`
   * (meetingId → participant id) is one socket's own cache; a found id never changes, "not on the roll" is
   * asked again (staff may have just added them).
   */
  ballotChannel(participants?: Map<string, string | null>): BallotChannel;
}

function createLive(io: YishiServer, db: () => Db): Live {
  const coalescer = new Coalescer(BROADCAST_INTERVAL_MS);
  const states = new FreshShared<MeetingState | null>();
  // Polls never move between meetings, so this cache can never be wrong; it is bounded all the same.
  const pollMeetings = new Map<string, string>();
  const live: Live = {
    ballots: new BallotQueue(db, systemClock, (pollId) => {
      void live.meetingOfPoll(pollId).then((meetingId) => meetingId && live.tallyChanged(meetingId, pollId));
    }),
    stateChanged(meetingId) {
      coalescer.request(`state:${meetingId}`, async () => {
        const state = await live.freshState(meetingId);
        if (state) io.to(rooms.meeting(meetingId)).emit("meeting:state", state);
      });
    },
    tallyChanged(meetingId, pollId) {
      coalescer.request(`tally:${pollId}`, async () => {
        const tally = await liveTally(db(), pollId);
        if (tally) io.to(rooms.meeting(meetingId)).emit("poll:tally", { meetingId, ...tally });
      });
    },
    personChanged(userId, meetingId) {
      if (userId) io.to(rooms.user(userId)).emit("meeting:me-changed", { meetingId });
    },
    freshState(meetingId) {
      return states.get(meetingId, () => meetingState(db(), meetingId, systemClock.now()));
    },
    async meetingOfPoll(pollId) {
      const cached = pollMeetings.get(pollId);
      if (cached) return cached;
      const meetingId = await meetingOfPoll(db(), pollId);
      if (!meetingId) return null;
      if (pollMeetings.size > 10_000) pollMeetings.clear();
      pollMeetings.set(pollId, meetingId);
      return meetingId;
    },
    ballotChannel(participants = new Map()) {
      return {
        meetingOfPoll: (pollId) => live.meetingOfPoll(pollId),
        async participantOf(meetingId, userId) {
          const known = participants.get(meetingId);
          if (known) return known;
          const id = await participantIdOf(db(), meetingId, userId);
          participants.set(meetingId, id);
          return id;
        },
        submit: (request) => live.ballots.cast(request),
      };
    },
  };
  return live;
}

// server.ts and the Remix build load this module separately (remix-run/remix#9202): one instance per process.
const holder = globalThis as unknown as { __yishiLive?: { io: YishiServer; live: Live } };

export function liveFor(io: YishiServer): Live {
  if (!holder.__yishiLive || holder.__yishiLive.io !== io) holder.__yishiLive = { io, live: createLive(io, getDb) };
  return holder.__yishiLive.live;
}

/** For routes: a no-op when there is no socket server (e.g. a unit test calling an action). */
export function liveOrNull(io: YishiServer | null | undefined): Live | null {
  return io ? liveFor(io) : null;
}

/**
 * The first step of a graceful shutdown: new ballots are refused as retryable ("server restarting"), the
 * batches already queued are committed, and their acks are handed to socket.io before this resolves, so the
 * sockets can be closed next without a voter losing an answer.
 */
export async function stopTakingBallots(io: YishiServer): Promise<void> {
  const live = holder.__yishiLive?.io === io ? holder.__yishiLive.live : null;
  if (!live) return;
  await live.ballots.stopAccepting();
  // The handlers awaiting the last batch send their acks in the continuations that follow.
  await new Promise((resolve) => setImmediate(resolve));
}
