/**
 * The one socket.io connection of a browser tab. The notification bell and a live meeting screen share it
 * (one handshake, one session check, one heartbeat per tab); each holds it while mounted, and a meeting
 * screen holds its meeting's room, which is left once no screen of the tab holds it any more.
 */
import type { Socket } from "socket.io-client";
import { io } from "socket.io-client";
import { SOCKET_RECONNECTION } from "./ballot-delivery";
import type { ClientToServerEvents, Handshake, Refusal, ServerToClientEvents, SessionEndReason } from "./protocol";
import { PROTOCOL_VERSION } from "./protocol";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Where the connection stands. `lost`: socket.io is reconnecting (`offline` when the device itself says it
 * has no network, so nobody waits for a ping timeout). `outdated` and `ended` are final: the server refused
 * this page's protocol version, or closed the connection and will not take it back.
 */
export type LinkState =
  | { kind: "connecting" }
  | { kind: "connected" }
  | { kind: "lost"; offline: boolean }
  | { kind: "outdated" }
  | { kind: "ended"; reason: SessionEndReason };

export interface TabConnection {
  socket: ClientSocket;
  /** Calls `listener` with the current state now, then on every change; returns the unsubscribe. */
  watch(listener: (state: LinkState) => void): () => void;
  /** Keeps the meeting's room joined on the server while held; returns the release. */
  holdRoom(meetingId: string): () => void;
  /** This holder is done with the connection (it closes when nobody holds it). */
  release(): void;
}

interface Shared {
  socket: ClientSocket;
  holders: number;
  state: LinkState;
  listeners: Set<(state: LinkState) => void>;
  rooms: Map<string, number>;
  close(): void;
}

let shared: Shared | null = null;
let closing: ReturnType<typeof setTimeout> | null = null;

function isFinal(state: LinkState): boolean {
  return state.kind === "outdated" || state.kind === "ended";
}

function open(): Shared {
  const handshake: Handshake = { protocolVersion: PROTOCOL_VERSION };
  // A network that blocks websockets (some office and hotel proxies) gets long-polling instead: without
  // tryAllTransports the client would retry the websocket for ever (docs/deploy.md, polling affinity).
  const socket: ClientSocket = io({
    transports: ["websocket", "polling"],
    tryAllTransports: true,
    ...SOCKET_RECONNECTION,
    auth: handshake,
  });
  const link: Shared = { socket, holders: 0, state: { kind: "connecting" }, listeners: new Set(), rooms: new Map(), close };
  const set = (state: LinkState) => {
    link.state = state;
    for (const listener of [...link.listeners]) listener(state);
  };
  const offline = () => typeof navigator !== "undefined" && navigator.onLine === false;

  socket.on("connect", () => set({ kind: "connected" }));
  socket.on("disconnect", () => {
    if (!isFinal(link.state)) set({ kind: "lost", offline: offline() });
  });
  socket.on("connect_error", (error) => {
    // A refused handshake carries the refusal; socket.io does not retry it, and reloading is the cure.
    if ((error as Error & { data?: Refusal }).data?.reason === "version_mismatch") set({ kind: "outdated" });
  });
  socket.on("session:ended", ({ reason }) => {
    set({ kind: "ended", reason });
    // The server may just drop the connection; disconnecting here stops socket.io's automatic reconnect.
    socket.disconnect();
  });
  // The device knows it is offline before any ping can time out: say so now, and drop the transport so
  // socket.io's reconnection loop takes over (a manual disconnect would stop it).
  const onOffline = () => {
    if (isFinal(link.state)) return;
    set({ kind: "lost", offline: true });
    socket.io.engine?.close();
  };
  const onOnline = () => {
    if (!socket.connected && !isFinal(link.state)) socket.connect();
  };
  window.addEventListener("offline", onOffline);
  window.addEventListener("online", onOnline);

  function close() {
    window.removeEventListener("offline", onOffline);
    window.removeEventListener("online", onOnline);
    socket.removeAllListeners();
    socket.disconnect();
  }
  return link;
}

/** Takes hold of the tab's connection, opening it if nobody holds it yet. */
export function connectTab(): TabConnection {
  if (closing) clearTimeout(closing);
  closing = null;
  const link = (shared ??= open());
  link.holders++;
  let released = false;
  return {
    socket: link.socket,
    watch(listener) {
      link.listeners.add(listener);
      listener(link.state);
      return () => link.listeners.delete(listener);
    },
    holdRoom(meetingId) {
      link.rooms.set(meetingId, (link.rooms.get(meetingId) ?? 0) + 1);
      let held = true;
      return () => {
        if (!held) return;
        held = false;
        link.rooms.set(meetingId, (link.rooms.get(meetingId) ?? 1) - 1);
        // Leave a turn later: a screen re-mounting for the same meeting (a re-render, a navigation between
        // its pages) keeps the room instead of racing a leave against its own join.
        setTimeout(() => {
          if ((link.rooms.get(meetingId) ?? 0) > 0) return;
          link.rooms.delete(meetingId);
          if (link.socket.connected) link.socket.emit("meeting:leave", { meetingId }, () => undefined);
        }, 0);
      };
    },
    release() {
      if (released) return;
      released = true;
      link.holders--;
      if (link.holders > 0) return;
      // Closed a turn later, so a screen replacing another keeps the same connection.
      closing = setTimeout(() => {
        closing = null;
        if (shared !== link || link.holders > 0) return;
        shared = null;
        link.close();
      }, 0);
    },
  };
}
