/**
 * Getting one ballot to the server, whatever happens to the connection: the browser's policy, in plain
 * TypeScript so Node tests and the live-vote bench run exactly the code a phone runs (ADR 0012).
 *
 * A ballot keeps one idempotency key for its whole life. It is resent, with backoff and jitter, until the
 * server acks it (a replay of a stored ballot is acked with its first receipt, even after the close), refuses
 * it for a reason that retrying cannot change, or the page goes away. A pending ballot is kept in
 * sessionStorage, so a reload resends it with the same key instead of asking the voter again.
 */
import type { Socket } from "socket.io-client";
import type { Ack, BallotReceipt, ClientToServerEvents, RefusalReason, ServerToClientEvents } from "./protocol";
import { refusal, RETRYABLE_REASONS } from "./protocol";

/**
 * socket.io-client reconnection: after a restart (~2 s) every phone is back within a few seconds. The
 * library's jitter (randomizationFactor) spreads a room of phones over the delay, so the new process is not
 * hit by all of them in the same millisecond.
 */
export const SOCKET_RECONNECTION = { reconnectionDelay: 300, reconnectionDelayMax: 2_000, randomizationFactor: 0.5 } as const;
/**
 * On a connected socket an ack is late, not lost (a drop rejects every pending ack at once), so a resend
 * after a timeout only doubles the work of a server that is already slow: wait long.
 */
export const ACK_TIMEOUT_MS = 15_000;
export const JOIN_TIMEOUT_MS = 60_000;
/**
 * The server pings every 2 s (socket-server.server.ts); hearing nothing for this long means the connection is gone
 * in all but name, and the screen says so before socket.io's own, longer timeout closes it.
 */
export const SILENCE_MS = 4_000;

const RETRY_BASE_MS = 250;
const RETRY_CAP_MS = 3_000;

/**
 * Answers that say "not now" rather than "no", and the same ballot is sent again: no connection or no
 * answer, a server restarting or a failed write (`unavailable`), over the socket's event budget (ADR 0014:
 * it refills within seconds, the backoff waits for it), an unexpected failure.
 */
export function isRetryable(reason: RefusalReason): boolean {
  return RETRYABLE_REASONS.has(reason);
}

/** Exponential backoff with "equal jitter": at least half the step, so retries never bunch at zero. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const step = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.min(attempt, 16));
  return Math.round(step / 2 + random() * (step / 2));
}

export interface PendingBallot {
  meetingId: string;
  pollId: string;
  /** Whose vote: the voter's own participant id, or the absent member's they hold a proxy for. */
  voterId: string;
  choices: string[];
  forParticipantId?: string;
  idempotencyKey: string;
  queuedAt: number;
}

export type Delivery =
  | { state: "sending"; attempt: number; waitingForConnection: boolean; since: number }
  | { state: "recorded"; at: number; replay: boolean }
  | { state: "refused"; reason: RefusalReason; message: string; values?: Record<string, string | number> };

export type CastPayload = { pollId: string; choices: string[]; forParticipantId?: string; idempotencyKey: string };

/** What delivery needs from a connection. */
export interface BallotTransport {
  /** Connected, and the meeting joined with a fresh snapshot. */
  isLive(): boolean;
  /** Calls `listener` each time the connection becomes live; returns the unsubscribe. */
  onLive(listener: () => void): () => void;
  send(payload: CastPayload): Promise<Ack<BallotReceipt>>;
}

/** Tracks whether a connection is live, for `BallotTransport`. */
export class LiveGate {
  private live = false;
  private listeners = new Set<() => void>();

  isLive(): boolean {
    return this.live;
  }

  set(live: boolean): void {
    const became = live && !this.live;
    this.live = live;
    if (became) for (const listener of [...this.listeners]) listener();
  }

  onLive(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One `vote:cast` over a socket.io socket; a missing answer becomes a retryable refusal. */
export async function sendOverSocket(socket: ClientSocket, payload: CastPayload): Promise<Ack<BallotReceipt>> {
  if (!socket.connected) return refusal("offline", "meetings:errors.offline");
  try {
    return await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("vote:cast", payload);
  } catch {
    // Timed out, or the socket dropped with the ack outstanding (socket.io-client rejects those at once).
    return refusal("timeout", "meetings:errors.noAnswer");
  }
}

export function socketTransport(socket: ClientSocket, gate: LiveGate): BallotTransport {
  return { isLive: () => gate.isLive(), onLive: (l) => gate.onLive(l), send: (payload) => sendOverSocket(socket, payload) };
}

/**
 * Waits `ms`, or less when the connection becomes live again meanwhile (then a short random pause, so a
 * room of phones reconnecting together does not resend in one burst). Resolves false when aborted.
 */
function pause(ms: number, transport: BallotTransport, signal: AbortSignal | undefined, random: () => number): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    let timer = setTimeout(() => finish(true), ms);
    const unsubscribe = transport.onLive(() => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(true), Math.round(random() * RETRY_BASE_MS));
    });
    const onAbort = () => finish(false);
    signal?.addEventListener("abort", onAbort);
    function finish(go: boolean) {
      clearTimeout(timer);
      unsubscribe();
      signal?.removeEventListener("abort", onAbort);
      resolve(go);
    }
  });
}

function untilLive(transport: BallotTransport, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    if (transport.isLive()) return resolve(true);
    const onAbort = () => finish(false);
    const unsubscribe = transport.onLive(() => finish(true));
    signal?.addEventListener("abort", onAbort);
    function finish(go: boolean) {
      unsubscribe();
      signal?.removeEventListener("abort", onAbort);
      resolve(go);
    }
  });
}

/**
 * Sends `ballot` until it has a final answer; resolves with it, or null if `signal` aborted first (the page
 * is going away: the ballot stays in sessionStorage for the next page). Never gives up on its own.
 */
export async function deliverBallot(
  ballot: PendingBallot,
  transport: BallotTransport,
  options: { signal?: AbortSignal; onProgress?: (delivery: Delivery) => void; random?: () => number; now?: () => number } = {},
): Promise<Exclude<Delivery, { state: "sending" }> | null> {
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const payload: CastPayload = {
    pollId: ballot.pollId,
    choices: ballot.choices,
    idempotencyKey: ballot.idempotencyKey,
    ...(ballot.forParticipantId ? { forParticipantId: ballot.forParticipantId } : {}),
  };
  const since = now();
  for (let attempt = 0; ; attempt++) {
    if (!transport.isLive()) {
      options.onProgress?.({ state: "sending", attempt, waitingForConnection: true, since });
      if (!(await untilLive(transport, options.signal))) return null;
    }
    if (options.signal?.aborted) return null;
    options.onProgress?.({ state: "sending", attempt, waitingForConnection: false, since });
    const response = await transport.send(payload);
    if (response.ok) return { state: "recorded", at: now(), replay: response.replay };
    if (!isRetryable(response.reason))
      return { state: "refused", reason: response.reason, message: response.message, values: response.values };
    if (!(await pause(retryDelayMs(attempt, random), transport, options.signal, random))) return null;
  }
}

/** The part of the Web Storage API used here, so Node tests can pass a Map-backed one. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

interface Stored {
  pending: PendingBallot[];
  /** `${pollId}:${voterId}` → when the server acked it, for "recorded ✓ 19:32:05" after a reload. */
  recorded: Record<string, number>;
}

const storageKey = (meetingId: string) => `yishi:ballots:${meetingId}`;

/** Pending ballots and receipts of one meeting in sessionStorage; a broken or full store never breaks voting. */
export class BallotJournal {
  constructor(
    private readonly store: KeyValueStore | null,
    private readonly meetingId: string,
  ) {}

  private read(): Stored {
    try {
      const raw = this.store?.getItem(storageKey(this.meetingId));
      const parsed = raw ? (JSON.parse(raw) as Partial<Stored>) : {};
      return {
        pending: Array.isArray(parsed.pending) ? parsed.pending.filter(isPendingBallot) : [],
        recorded: typeof parsed.recorded === "object" && parsed.recorded ? parsed.recorded : {},
      };
    } catch {
      return { pending: [], recorded: {} };
    }
  }

  private write(value: Stored): void {
    try {
      this.store?.setItem(storageKey(this.meetingId), JSON.stringify(value));
    } catch {
      // Private mode or a full store: the ballot is still delivered while the page is open.
    }
  }

  pending(): PendingBallot[] {
    return this.read().pending;
  }

  add(ballot: PendingBallot): void {
    const stored = this.read();
    stored.pending = [...stored.pending.filter((b) => !(b.pollId === ballot.pollId && b.voterId === ballot.voterId)), ballot];
    this.write(stored);
  }

  /** The ballot has its final answer; a receipt time is kept when it was recorded. */
  settle(ballot: PendingBallot, recordedAt: number | null): void {
    const stored = this.read();
    stored.pending = stored.pending.filter((b) => b.idempotencyKey !== ballot.idempotencyKey);
    if (recordedAt !== null) stored.recorded[`${ballot.pollId}:${ballot.voterId}`] = recordedAt;
    this.write(stored);
  }

  recordedAt(pollId: string, voterId: string): number | null {
    return this.read().recorded[`${pollId}:${voterId}`] ?? null;
  }
}

function isPendingBallot(value: unknown): value is PendingBallot {
  const b = value as PendingBallot;
  return (
    !!b && typeof b.pollId === "string" && typeof b.voterId === "string" && typeof b.idempotencyKey === "string" && Array.isArray(b.choices)
  );
}
