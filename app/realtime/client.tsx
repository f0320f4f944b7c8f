import { useCallback, useEffect, useRef, useState } from "react";
import type { Delivery, PendingBallot } from "./ballot-delivery";
import { BallotJournal, deliverBallot, JOIN_TIMEOUT_MS, LiveGate, SILENCE_MS, socketTransport } from "./ballot-delivery";
import type { ClientEvent, ClientToServerEvents, MeetingSnapshot, MeetingState, SessionEndReason, TallyUpdate } from "./protocol";
import { refusal } from "./protocol";
import { applyTally, mergeState } from "./tally-order";
import type { ClientSocket, LinkState } from "./tab-connection";
import { connectTab } from "./tab-connection";

type PayloadOf<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[0];
type AckOf<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[1] extends (response: infer R) => void ? R : never;

/** The server ended the connection for good (protocol `session:ended`); the screen says why. */
export type EndedConnection = "signed-out" | "session-ended" | "flooding";
/** "offline": the device itself says it has no network (navigator.onLine), so nobody waits for a ping timeout. */
export type Connection = "connecting" | "live" | "reconnecting" | "offline" | "outdated" | EndedConnection;
export type { Delivery };
export type FinalDelivery = Exclude<Delivery, { state: "sending" }>;

const ENDED_BY_REASON: Record<SessionEndReason, EndedConnection> = {
  "errors.realtime.signed_out": "signed-out",
  "errors.realtime.session_ended": "session-ended",
  "errors.realtime.flooding": "flooding",
};

const ACK_TIMEOUT_MS = 8_000;

function newKey(): string {
  if (typeof crypto !== "undefined" && "randomUUID" in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

/** A fresh snapshot, keeping poll numbers the screen already shows at a newer version (tally-order.ts). */
function withSnapshot(current: MeetingSnapshot | null, next: MeetingSnapshot): MeetingSnapshot {
  return { ...next, state: mergeState(current?.state ?? null, next.state) };
}

/** sessionStorage, when the browser lets this page use it. */
function sessionStore(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * The live meeting for a component, over the tab's one connection (tab-connection.ts): joins the meeting's
 * room, keeps the state current from broadcasts, and after every (re)connect, including a server restart,
 * throws local state away for a fresh snapshot, so a closed poll is never shown as open. While disconnected,
 * `connection` says so and screens disable voting.
 *
 * Ballots are delivered by `deliverBallot` (ballot-delivery.ts): each keeps its key across retries,
 * reconnects and reloads until the server acks or refuses it; `deliveries` tells the screen where each is.
 */
export function useMeeting(meetingId: string, initial: MeetingSnapshot | null) {
  const [snapshot, setSnapshot] = useState<MeetingSnapshot | null>(initial);
  const [connection, setConnection] = useState<Connection>("connecting");
  /** `${pollId}:${voterId}` → where that ballot is. */
  const [deliveries, setDeliveries] = useState<Record<string, Delivery>>({});
  const socketRef = useRef<ClientSocket | null>(null);
  const runRef = useRef<{ gate: LiveGate; journal: BallotJournal; signal: AbortSignal; inFlight: Set<string> } | null>(null);

  const refresh = useCallback(async () => {
    const socket = socketRef.current;
    if (!socket?.connected) return;
    const response = await socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck("meeting:snapshot", { meetingId })
      .catch(() => null);
    if (response?.ok) setSnapshot((current) => withSnapshot(current, response.snapshot));
  }, [meetingId]);

  const deliver = useCallback(
    (ballot: PendingBallot): Promise<FinalDelivery | null> => {
      const run = runRef.current;
      const socket = socketRef.current;
      if (!run || !socket || run.inFlight.has(ballot.idempotencyKey)) return Promise.resolve(null);
      run.inFlight.add(ballot.idempotencyKey);
      const slot = `${ballot.pollId}:${ballot.voterId}`;
      const show = (delivery: Delivery) => setDeliveries((current) => ({ ...current, [slot]: delivery }));
      return deliverBallot(ballot, socketTransport(socket, run.gate), { signal: run.signal, onProgress: show }).then((result) => {
        run.inFlight.delete(ballot.idempotencyKey);
        if (!result) return null;
        run.journal.settle(ballot, result.state === "recorded" ? result.at : null);
        show(result);
        if (result.state === "recorded") void refresh();
        return result;
      });
    },
    [refresh],
  );

  useEffect(() => {
    const link = connectTab();
    const socket = link.socket;
    socketRef.current = socket;
    const leaveRoom = link.holdRoom(meetingId);
    const abort = new AbortController();
    const journal = new BallotJournal(sessionStore(), meetingId);
    const gate = new LiveGate();
    runRef.current = { gate, journal, signal: abort.signal, inFlight: new Set() };
    let lastPoll: string | null = null;

    // Receipts and ballots left by an earlier page of this tab: show the former, resend the latter.
    const restored: Record<string, Delivery> = {};
    for (const ballot of journal.pending())
      restored[`${ballot.pollId}:${ballot.voterId}`] = { state: "sending", attempt: 0, waitingForConnection: true, since: ballot.queuedAt };
    for (const vote of initial?.me?.votes ?? []) {
      const at = initial?.state.poll ? journal.recordedAt(initial.state.poll.id, vote.voterId) : null;
      if (at !== null && vote.voted) restored[`${initial?.state.poll?.id}:${vote.voterId}`] = { state: "recorded", at, replay: false };
    }
    setDeliveries(restored);
    for (const ballot of journal.pending()) void deliver(ballot);

    let linkState: LinkState = { kind: "connecting" };
    const lost = (offline: boolean) => {
      gate.set(false);
      setConnection((current) => (current === "outdated" ? current : offline ? "offline" : "reconnecting"));
    };
    // A drop the device does not notice shows as silence: no ping for SILENCE_MS. Voting pauses on screen
    // until something is heard again; the socket itself stays open and nothing needs rejoining.
    let lastHeard = Date.now();
    let silent = false;
    const heard = () => {
      lastHeard = Date.now();
      if (silent && socket.connected) {
        silent = false;
        setConnection("live");
        gate.set(true);
      }
    };
    socket.io.on("ping", heard);
    socket.io.on("packet", heard);
    const watchdog = setInterval(() => {
      if (!silent && gate.isLive() && Date.now() - lastHeard > SILENCE_MS) {
        silent = true;
        lost(typeof navigator !== "undefined" && navigator.onLine === false);
      }
    }, 500);

    // One join per connection, however slow the answer: a process that has just restarted is busy with
    // every phone rejoining, and asking again would only add to its work. A drop means a new connection.
    const join = async () => {
      const joined = await socket
        .timeout(JOIN_TIMEOUT_MS)
        .emitWithAck("meeting:join", { meetingId })
        .catch(() => null);
      if (abort.signal.aborted || linkState.kind !== "connected") return;
      if (joined?.ok) {
        lastPoll = joined.snapshot.state.poll ? `${joined.snapshot.state.poll.id}:${joined.snapshot.state.poll.status}` : null;
        setSnapshot((current) => withSnapshot(current, joined.snapshot));
        lastHeard = Date.now();
        silent = false;
        setConnection("live");
        gate.set(true);
      } else if (!joined && socket.connected) {
        // No answer in a minute: start over on a fresh connection.
        socket.disconnect().connect();
      }
    };
    const unwatch = link.watch((state) => {
      linkState = state;
      if (state.kind === "connected") void join();
      else if (state.kind === "lost") lost(state.offline);
      else if (state.kind === "outdated") {
        gate.set(false);
        setConnection("outdated");
      } else if (state.kind === "ended") {
        gate.set(false);
        setConnection(ENDED_BY_REASON[state.reason] ?? "session-ended");
      }
    });

    const snapshotAgain = async () => {
      const response = await socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck("meeting:snapshot", { meetingId })
        .catch(() => null);
      if (response?.ok && !abort.signal.aborted) setSnapshot((current) => withSnapshot(current, response.snapshot));
    };
    const onState = (state: MeetingState) => {
      if (state.meetingId !== meetingId) return;
      const pollKey = state.poll ? `${state.poll.id}:${state.poll.status}` : null;
      setSnapshot((current) => (current ? { ...current, state: mergeState(current.state, state) } : current));
      // A new poll or a close changes what this person may do: fetch their part again.
      if (pollKey !== lastPoll) {
        lastPoll = pollKey;
        void snapshotAgain();
      }
    };
    const onTally = (tally: TallyUpdate) => {
      if (tally.meetingId !== meetingId) return;
      setSnapshot((current) => (current ? { ...current, state: applyTally(current.state, tally) } : current));
    };
    const onMeChanged = (payload: { meetingId: string }) => {
      if (payload.meetingId === meetingId) void snapshotAgain();
    };
    socket.on("meeting:state", onState);
    socket.on("poll:tally", onTally);
    socket.on("meeting:me-changed", onMeChanged);
    return () => {
      abort.abort();
      clearInterval(watchdog);
      unwatch();
      socket.io.off("ping", heard);
      socket.io.off("packet", heard);
      socket.off("meeting:state", onState);
      socket.off("poll:tally", onTally);
      socket.off("meeting:me-changed", onMeChanged);
      leaveRoom();
      link.release();
      socketRef.current = null;
      runRef.current = null;
    };
    // `initial` only seeds the first render; a new snapshot must not reconnect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [meetingId, deliver]);

  /** Sends one event and resolves with its ack (a refusal says why, with the message to show). */
  const send = useCallback(async <E extends ClientEvent>(event: E, payload: PayloadOf<E>): Promise<AckOf<E>> => {
    const socket = socketRef.current;
    if (!socket?.connected) return refusal("offline", "meetings:errors.offline") as AckOf<E>;
    try {
      const timed = socket.timeout(ACK_TIMEOUT_MS);
      const emit = timed.emitWithAck.bind(timed) as unknown as (e: E, p: PayloadOf<E>) => Promise<AckOf<E>>;
      return await emit(event, payload);
    } catch {
      return refusal("timeout", "meetings:errors.noAnswer") as AckOf<E>;
    }
  }, []);

  /**
   * Casts a ballot: it is written to sessionStorage with a new idempotency key and then delivered until it
   * has a final answer (see ballot-delivery.ts). Resolves with that answer, or null if the page went away.
   */
  const castVote = useCallback(
    (payload: { pollId: string; voterId: string; choices: string[]; forParticipantId?: string }): Promise<FinalDelivery | null> => {
      const run = runRef.current;
      if (!run) return Promise.resolve(null);
      const ballot: PendingBallot = { meetingId, ...payload, idempotencyKey: newKey(), queuedAt: Date.now() };
      run.journal.add(ballot);
      return deliver(ballot);
    },
    [meetingId, deliver],
  );

  return { snapshot, connection, deliveries, send, castVote, refresh };
}
