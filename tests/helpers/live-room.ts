/**
 * A live meeting of its own for one socket test: its world (street, community, people, a live meeting) is
 * written into the test server's database, and every socket it opens is closed when the test ends. Tests
 * share a server, never a meeting.
 */
import { expect, onTestFinished } from "vitest";
import type { Db } from "../../app/infra/db.server";
import type { ServerToClientEvents } from "../../app/realtime/protocol";
import type { LiveWorld, TestSocket } from "./live-meeting";
import { connect, createLiveWorld, request } from "./live-meeting";

export interface LiveRoom {
  world: LiveWorld;
  /** A signed-in socket, not yet in the meeting's room. */
  connect(cookie: string): Promise<TestSocket>;
  /** A socket in the meeting's room. */
  join(cookie: string): Promise<TestSocket>;
  /** Opens a poll from `host`: a named for/against/abstain vote unless `definition` says otherwise. */
  openPoll(host: TestSocket, definition?: Record<string, unknown>): Promise<string>;
}

/** `url` is a function where the test restarts its server on another port. */
export async function liveRoom(db: Db, url: string | (() => string), options: { voters: number }): Promise<LiveRoom> {
  const world = await createLiveWorld(db, options);
  const sockets: TestSocket[] = [];
  onTestFinished(() => {
    for (const socket of sockets) socket.disconnect();
  });
  const room: LiveRoom = {
    world,
    async connect(cookie) {
      const socket = await connect(typeof url === "string" ? url : url(), cookie);
      sockets.push(socket);
      return socket;
    },
    async join(cookie) {
      const socket = await room.connect(cookie);
      expect(await request(socket, "meeting:join", { meetingId: world.meetingId })).toMatchObject({ ok: true });
      return socket;
    },
    async openPoll(host, definition = {}) {
      const opened = await request(host, "poll:open", {
        meetingId: world.meetingId,
        question: "是否同意在小区东门增设充电桩？",
        kind: "yes_no_abstain",
        ballotMode: "named",
        passRule: "majority_cast",
        ...definition,
      });
      expect(opened).toMatchObject({ ok: true });
      return opened.pollId as string;
    },
  };
  return room;
}

type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

/**
 * The next `event` on `socket` for which `matches` holds. Listen before doing what should cause it; after
 * `timeoutMs` the promise rejects, so a broadcast that never comes fails the test instead of hanging it.
 */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
  matches: (payload: Payload<E>) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<Payload<E>> {
  return new Promise((resolve, reject) => {
    const on = socket.on.bind(socket) as unknown as (e: string, l: (payload: Payload<E>) => void) => void;
    const off = socket.off.bind(socket) as unknown as (e: string, l: (payload: Payload<E>) => void) => void;
    const timer = setTimeout(() => {
      off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    function listener(payload: Payload<E>) {
      if (!matches(payload)) return;
      clearTimeout(timer);
      off(event, listener);
      resolve(payload);
    }
    on(event, listener);
  });
}
