import type { Db } from "../infra/db.server";
import { getDb } from "../infra/db.server";
import { systemClock } from "../infra/clock";
import { getEnv } from "../infra/env.server";
import type { MeetingRef } from "../domain/meetings/access.server";
import { findMeeting } from "../domain/meetings/access.server";
import type { MeetingState } from "../domain/meetings/state.server";
import { meetingState } from "../domain/meetings/state.server";
import { BallotQueue } from "../domain/voting/ballots.server";
import type { BallotChannel } from "../domain/voting/cast-ballot.server";
import { meetingOfPoll } from "../domain/voting/cast-ballot.server";
import { participantIdOf } from "../domain/meetings/access.server";
import type { LiveTally } from "../domain/voting/polls.server";
import { liveTally } from "../domain/voting/polls.server";
import type { YishiServer } from "./socket-server.server";
import { rooms } from "./protocol";

export const BROADCAST_INTERVAL_MS = 100;
/**
 * The longest a meeting's shared copy is served without being read again (YISHI_LIVE_STATE_MAX_AGE_MS, 1 s by
 * default), for a change that reached the database without going through `Live` (a script, a route that
 * forgot to say so) or whose cross-process invalidation is still on its way. Every change made through
 * `Live` drops the copy at once, on every process.
 */
export const STATE_MAX_AGE_MS = getEnv().YISHI_LIVE_STATE_MAX_AGE_MS;

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

/**
 * A value per key kept until it is invalidated or older than `maxAgeMs`, for the reads every joining screen
 * needs (a thousand phones rejoining after a restart share a handful of reads instead of one each). A caller
 * never gets a value read before the last invalidation that preceded its request: reads go through
 * FreshShared (a read begun before the caller asked is not shared with it), and a read that an invalidation
 * overtook is handed to its callers but not kept.
 */
export class SharedUntilChanged<T> {
  private readonly fresh = new FreshShared<T>();
  private readonly entries = new Map<string, { generation: number; value: { data: T; readAt: number } | null }>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 1_000,
  ) {}

  get(key: string, read: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      if (this.entries.size >= this.maxKeys) this.prune();
      entry = { generation: 0, value: null };
      this.entries.set(key, entry);
    }
    const askedAt = this.now();
    if (entry.value && askedAt - entry.value.readAt <= this.maxAgeMs) return Promise.resolve(entry.value.data);
    const e = entry;
    const generation = e.generation;
    return this.fresh.get(key, read).then((data) => {
      // The read began after `askedAt` (FreshShared), so its age is counted from there.
      if (e.generation === generation && this.entries.get(key) === e) e.value = { data, readAt: askedAt };
      return data;
    });
  }

  /** Something the value depends on changed: the next caller reads again. */
  invalidate(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.generation++;
    entry.value = null;
  }

  private prune() {
    const cutoff = this.now() - this.maxAgeMs;
    for (const [key, entry] of this.entries) if (!entry.value || entry.value.readAt < cutoff) this.entries.delete(key);
    if (this.entries.size >= this.maxKeys) this.entries.clear();
  }
}

/** What a joining screen needs of a meeting: who may follow it (the ref) and its public state. */
export interface MeetingEntry {
  ref: MeetingRef;
  state: MeetingState;
}

export interface Live {
  ballots: BallotQueue;
  /** The meeting's public state changed: broadcast it (coalesced). */
  stateChanged(meetingId: string): void;
  /**
   * This process changed a poll's numbers: broadcast the tally (coalesced). `committedVersion` is the
   * Poll.tallyVersion its ballot batch wrote; with it, the broadcast is left to whichever process committed
   * the newest version (one broadcast per change, not one per process). Without it (a close, a hand count:
   * rare), this process broadcasts whatever it reads.
   */
  tallyChanged(meetingId: string, pollId: string, committedVersion?: number): void;
  /** Something about one person changed: their screens ask for a fresh snapshot. */
  personChanged(userId: string | null, meetingId: string): void;
  meetingOfPoll(pollId: string): Promise<string | null>;
  /** The meeting's public state, no older than the last change announced here or STATE_MAX_AGE_MS. */
  freshState(meetingId: string): Promise<MeetingState | null>;
  /** The meeting (for authorisation) with its public state, shared by every screen joining (same freshness). */
  meeting(meetingId: string): Promise<MeetingEntry | null>;
  /**
   * Ballots into the group commit, with the lookups answered from memory where possible. `participants`
   * (meetingId → participant id) is one socket's own cache; a found id never changes, "not on the roll" is
   * asked again (staff may have just added them).
   */
  ballotChannel(participants?: Map<string, string | null>, sessionId?: () => string | null): BallotChannel;
}

function createLive(io: YishiServer, db: () => Db): Live {
  const coalescer = new Coalescer(BROADCAST_INTERVAL_MS);
  const meetings = new SharedUntilChanged<MeetingEntry | null>(STATE_MAX_AGE_MS);
  // The numbers of the poll on screen are kept apart from the rest of the state: ballots change them many
  // times a second, and re-reading the whole meeting for each batch made every join after a restart pay for
  // the agenda, attendance and speakers again (issue #8). Which poll is on screen is part of the state.
  const pollNumbers = new SharedUntilChanged<LiveTally | null>(STATE_MAX_AGE_MS);
  const pollOnScreen = new Map<string, string>();
  // With several processes, a change made on one drops the copies on all (the adapter carries the event).
  const clustered = getEnv().SOCKET_ADAPTER !== "memory";
  io.on("meeting:changed", (meetingId) => {
    meetings.invalidate(meetingId);
    const pollId = pollOnScreen.get(meetingId);
    if (pollId) pollNumbers.invalidate(pollId);
  });
  io.on("poll:numbers-changed", (pollId) => pollNumbers.invalidate(pollId));
  const changed = (meetingId: string) => {
    meetings.invalidate(meetingId);
    if (clustered) io.serverSideEmit("meeting:changed", meetingId);
  };
  // Polls never move between meetings, so this cache can never be wrong; it is bounded all the same.
  const pollMeetings = new Map<string, string>();
  // Per poll: the newest version this process committed, and whether a change without a version waits.
  const committed = new Map<string, { version: number; forced: boolean }>();
  const live: Live = {
    ballots: new BallotQueue(db, systemClock, (pollId, version) => {
      void live.meetingOfPoll(pollId).then((meetingId) => meetingId && live.tallyChanged(meetingId, pollId, version));
    }),
    stateChanged(meetingId) {
      changed(meetingId);
      coalescer.request(`state:${meetingId}`, async () => {
        const state = await live.freshState(meetingId);
        if (state) io.to(rooms.meeting(meetingId)).emit("meeting:state", state);
      });
    },
    tallyChanged(meetingId, pollId, committedVersion) {
      // Only the numbers: the rest of the meeting's copy stays, here and (one message per broadcast) elsewhere.
      pollNumbers.invalidate(pollId);
      const mine = committed.get(pollId) ?? { version: -1, forced: false };
      if (committedVersion === undefined) mine.forced = true;
      else mine.version = Math.max(mine.version, committedVersion);
      if (committed.size > 10_000) committed.clear();
      committed.set(pollId, mine);
      coalescer.request(`tally:${pollId}`, async () => {
        // Read from the map, not the closure: a coalesced re-run reuses the first request's job.
        const own = committed.get(pollId) ?? { version: -1, forced: true };
        const forced = own.forced;
        own.forced = false;
        pollNumbers.invalidate(pollId);
        const tally = await pollNumbers.get(pollId, () => liveTally(db(), pollId));
        if (!tally) return;
        // A newer version than ours was committed by another process, which reads after its commit and so
        // broadcasts a snapshot at least as new as this one: sending ours as well would only be a duplicate.
        // The process holding the newest version always sends (it reads a snapshot no newer than its own).
        if (!forced && tally.version > own.version) return;
        if (clustered) io.serverSideEmit("poll:numbers-changed", pollId);
        io.to(rooms.meeting(meetingId)).emit("poll:tally", { meetingId, ...tally });
      });
    },
    personChanged(userId, meetingId) {
      if (userId) io.to(rooms.user(userId)).emit("meeting:me-changed", { meetingId });
    },
    async freshState(meetingId) {
      return (await live.meeting(meetingId))?.state ?? null;
    },
    async meeting(meetingId) {
      const entry = await meetings.get(meetingId, async () => {
        const [ref, state] = await Promise.all([findMeeting(db(), meetingId), meetingState(db(), meetingId, systemClock.now())]);
        return ref && state ? { ref, state } : null;
      });
      if (!entry) return null;
      // Screens set their clocks by serverNow (the speaker's timer), so it is the time of serving, not of reading.
      const state = { ...entry.state, serverNow: systemClock.now().toISOString() };
      const poll = state.poll;
      if (poll) {
        if (pollOnScreen.size > 10_000) pollOnScreen.clear();
        pollOnScreen.set(meetingId, poll.id);
        const numbers = await pollNumbers.get(poll.id, () => liveTally(db(), poll.id));
        if (numbers)
          state.poll = {
            ...poll,
            tallyVersion: numbers.version,
            votesCast: numbers.votesCast,
            manualVoters: numbers.manualVoters,
            counts: numbers.counts,
          };
      }
      return { ref: entry.ref, state };
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
    ballotChannel(participants = new Map(), sessionId) {
      return {
        meetingOfPoll: (pollId) => live.meetingOfPoll(pollId),
        async participantOf(meetingId, userId) {
          const known = participants.get(meetingId);
          if (known) return known;
          const id = await participantIdOf(db(), meetingId, userId);
          participants.set(meetingId, id);
          return id;
        },
        // A socket's ballot carries its sign-in, verified in the batch that writes it; a socket signed out
        // meanwhile has no session left, and its ballot is refused like one without a session.
        submit: (request) => live.ballots.cast(sessionId ? { ...request, sessionId: sessionId() ?? "" } : request),
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
