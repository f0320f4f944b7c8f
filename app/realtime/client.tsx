import { useCallback, useEffect, useRef, useState } from "react";
import type { Socket } from "socket.io-client";
import { io } from "socket.io-client";
import type { Ack, ClientEvent, ClientToServerEvents, MeetingSnapshot, MeetingState, ServerToClientEvents, TallyUpdate } from "./protocol";
import { PROTOCOL_VERSION } from "./protocol";

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type PayloadOf<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[0];
type AckOf<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[1] extends (response: infer R) => void ? R : never;

/** The server ended the connection for good (protocol `session:ended`); the screen says why. */
export type EndedConnection = "signed-out" | "session-ended" | "flooding";
export type Connection = "connecting" | "live" | "reconnecting" | "outdated" | EndedConnection;

const ENDED_BY_REASON: Record<string, EndedConnection> = {
  "errors.realtime.signed_out": "signed-out",
  "errors.realtime.session_ended": "session-ended",
  "errors.realtime.flooding": "flooding",
};

const ACK_TIMEOUT_MS = 8_000;

function newKey(): string {
  if (typeof crypto !== "undefined" && "randomUUID" in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

/** A tally for the poll on screen replaces the numbers only when it is newer (several processes may send). */
function applyTally(state: MeetingState, tally: TallyUpdate): MeetingState {
  if (!state.poll || state.poll.id !== tally.pollId) return state;
  if (tally.votesCast < state.poll.votesCast && state.poll.status === "open") return state;
  return { ...state, poll: { ...state.poll, votesCast: tally.votesCast, manualVoters: tally.manualVoters, counts: tally.counts ?? state.poll.counts } };
}

/**
 * The live meeting for a component: joins the meeting's room, keeps the state current from broadcasts, and
 * after every (re)connect, including a server restart, throws local state away for a fresh snapshot, so a
 * closed poll is never shown as open. While disconnected, `connection` says so and screens disable voting.
 */
export function useMeeting(meetingId: string, initial: MeetingSnapshot | null) {
  const [snapshot, setSnapshot] = useState<MeetingSnapshot | null>(initial);
  const [connection, setConnection] = useState<Connection>("connecting");
  const socketRef = useRef<ClientSocket | null>(null);

  const refresh = useCallback(async () => {
    const socket = socketRef.current;
    if (!socket?.connected) return;
    const response = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("meeting:snapshot", { meetingId }).catch(() => null);
    if (response?.ok) setSnapshot(response.snapshot);
  }, [meetingId]);

  useEffect(() => {
    const socket: ClientSocket = io({ transports: ["websocket", "polling"], reconnectionDelayMax: 5_000 });
    socketRef.current = socket;
    let lastPoll: string | null = null;

    socket.on("connect", async () => {
      const hello = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("session:hello", { protocolVersion: PROTOCOL_VERSION }).catch(() => null);
      if (hello && !hello.ok && hello.reason.endsWith("version_mismatch")) {
        setConnection("outdated");
        return;
      }
      const joined = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("meeting:join", { meetingId }).catch(() => null);
      if (joined?.ok) {
        lastPoll = joined.snapshot.state.poll ? `${joined.snapshot.state.poll.id}:${joined.snapshot.state.poll.status}` : null;
        setSnapshot(joined.snapshot);
        setConnection("live");
      }
    });
    let ended = false;
    socket.on("session:ended", ({ reason }) => {
      ended = true;
      setConnection(ENDED_BY_REASON[reason] ?? "session-ended");
      // The server may just drop the connection; disconnecting here stops socket.io's automatic reconnect.
      socket.disconnect();
    });
    // After session:ended nothing reconnects by itself: keep saying why.
    socket.on("disconnect", () => {
      if (!ended) setConnection("reconnecting");
    });
    socket.on("meeting:state", (state) => {
      if (state.meetingId !== meetingId) return;
      const pollKey = state.poll ? `${state.poll.id}:${state.poll.status}` : null;
      setSnapshot((current) => (current ? { ...current, state } : current));
      // A new poll or a close changes what this person may do: fetch their part again.
      if (pollKey !== lastPoll) {
        lastPoll = pollKey;
        void (async () => {
          const response = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("meeting:snapshot", { meetingId }).catch(() => null);
          if (response?.ok) setSnapshot(response.snapshot);
        })();
      }
    });
    socket.on("poll:tally", (tally) => {
      if (tally.meetingId !== meetingId) return;
      setSnapshot((current) => (current ? { ...current, state: applyTally(current.state, tally) } : current));
    });
    socket.on("meeting:me-changed", (payload) => {
      if (payload.meetingId !== meetingId) return;
      void (async () => {
        const response = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("meeting:snapshot", { meetingId }).catch(() => null);
        if (response?.ok) setSnapshot(response.snapshot);
      })();
    });
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
    };
  }, [meetingId]);

  /** Sends one event and resolves with its ack (a refusal carries a translation key). */
  const send = useCallback(async <E extends ClientEvent>(event: E, payload: PayloadOf<E>): Promise<AckOf<E>> => {
    const socket = socketRef.current;
    if (!socket?.connected) return { ok: false, reason: "meetings:errors.offline" } as AckOf<E>;
    try {
      const timed = socket.timeout(ACK_TIMEOUT_MS);
      const emit = timed.emitWithAck.bind(timed) as unknown as (e: E, p: PayloadOf<E>) => Promise<AckOf<E>>;
      return await emit(event, payload);
    } catch {
      return { ok: false, reason: "meetings:errors.noAnswer" } as AckOf<E>;
    }
  }, []);

  /**
   * Casts a ballot with one idempotency key for all attempts: if an ack is lost, the retry (after a
   * reconnect if need be) is answered with the first result instead of "already voted".
   */
  const castVote = useCallback(
    async (payload: Omit<PayloadOf<"vote:cast">, "idempotencyKey">): Promise<Ack<{ votesCast: number }>> => {
      const idempotencyKey = newKey();
      for (let attempt = 0; attempt < 4; attempt++) {
        const response = await send("vote:cast", { ...payload, idempotencyKey });
        if (response.ok || (response.reason !== "meetings:errors.noAnswer" && response.reason !== "meetings:errors.offline" && response.reason !== "meetings:errors.tryAgain")) {
          if (response.ok) void refresh();
          return response;
        }
        await new Promise((r) => setTimeout(r, 700 * (attempt + 1)));
      }
      return { ok: false, reason: "meetings:errors.noAnswer" };
    },
    [send, refresh],
  );

  return { snapshot, connection, send, castVote, refresh };
}
