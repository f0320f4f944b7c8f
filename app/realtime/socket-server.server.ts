import { createAdapter } from "@socket.io/postgres-adapter";
import { createAdapter as createRedisStreamsAdapter } from "@socket.io/redis-streams-adapter";
import type http from "node:http";
import pg from "pg";
import { createClient } from "redis";
import { Server } from "socket.io";
import type { ServerOptions } from "socket.io";
import type { Env } from "../infra/env.server";
import { personOfSession, sessionRoomKey } from "../domain/accounts/sessions.server";
import { systemClock } from "../infra/clock";
import { getDb } from "../infra/db.server";
import { readSessionId } from "../web/session.server";
import type { ClientToServerEvents, Handshake, InterServerEvents, Refusal, ServerToClientEvents, SocketData } from "./protocol";
import { limitEvents, registerMeetingHandlers, rememberActor, sessionIdOf } from "./handlers.server";
import { createEventLimiter } from "./rate-limits.server";
import { PROTOCOL_VERSION, refusal, rooms } from "./protocol";
import { createTableOnce } from "./pg-tables.server";

export const PING_INTERVAL_MS = 2_000;
export const PING_TIMEOUT_MS = 10_000;

type RedisClient = ReturnType<typeof createClient>;

export type YishiServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/**
 * socket.io on the app's HTTP server. With SOCKET_ADAPTER=postgres (PostgreSQL NOTIFY) or redis (Redis
 * streams), broadcasts travel between app processes, so a city can run several processes behind one load
 * balancer (ADR 0021).
 */
export async function attachRealtime(
  httpServer: http.Server,
  env: Env,
  options: Pick<ServerOptions, "allowRequest"> = {},
): Promise<YishiServer> {
  const io: YishiServer = new Server(httpServer, {
    serveClient: false,
    // The web edge refuses handshakes from foreign origins (polling and websocket alike).
    allowRequest: options.allowRequest,
    // Recovery state lives in one process's memory; clients ask for a fresh snapshot instead (STYLE.md).
    connectionStateRecovery: undefined,
    // A ping every 2 s lets a phone notice a silent drop (Wi-Fi gone without the OS noticing) within 4 s:
    // the client shows "connection lost" when it has heard nothing for PING_INTERVAL_MS + 2 s. Only after
    // the longer timeout is the connection closed, so a server busy for a few seconds (a thousand phones
    // rejoining) does not drop everyone and start a reconnect storm. ~1,000 tiny frames a second at 2,000.
    pingInterval: PING_INTERVAL_MS,
    pingTimeout: PING_TIMEOUT_MS,
  });

  let redis: RedisClient | null = null;
  if (env.SOCKET_ADAPTER === "redis" || env.SOCKET_RATE_LIMIT_STORE === "redis") {
    redis = createClient({ url: env.REDIS_URL });
    redis.on("error", (error: unknown) => console.error("[realtime] redis", error instanceof Error ? error.message : error));
    await redis.connect();
    const client = redis;
    httpServer.on("close", () => void client.quit().catch(() => undefined));
  }
  if (env.SOCKET_ADAPTER === "redis" && redis) {
    // One stream for every process; a process that lost Redis for a moment resumes reading where it stopped.
    io.adapter(createRedisStreamsAdapter(redis, { streamName: "yishi:socket.io", channelPrefix: "yishi:socket.io" }));
  } else if (env.SOCKET_ADAPTER === "postgres") {
    const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 4 });
    // Processes started together on a fresh database race to create it (pg-tables.server.ts).
    await createTableOnce(
      pool,
      `
      CREATE TABLE IF NOT EXISTS socket_io_attachments (
        id bigserial UNIQUE,
        created_at timestamptz DEFAULT NOW(),
        payload bytea
      );
    `,
    );
    io.adapter(createAdapter(pool));
    httpServer.on("close", () => void pool.end());
  }

  // Per-person budgets are shared between processes exactly when broadcasts are (ADR 0014).
  const limitStore = env.SOCKET_RATE_LIMIT_STORE === "auto" ? env.SOCKET_ADAPTER : env.SOCKET_RATE_LIMIT_STORE;
  const limiter = await createEventLimiter(
    undefined,
    limitStore === "postgres"
      ? { kind: "postgres", connectionString: env.DATABASE_URL }
      : limitStore === "redis" && redis
        ? { kind: "redis", client: redis }
        : { kind: "memory" },
  );
  httpServer.on("close", () => void limiter.close());

  // Every connection states its protocol version before anything else is done for it: a tab loaded before
  // a deploy is told to reload (the client shows "outdated") instead of sending events the server misreads.
  io.use((socket, next) => {
    const version = (socket.handshake.auth as Partial<Handshake> | undefined)?.protocolVersion;
    if (version === PROTOCOL_VERSION) return next();
    next(connectRefusal(refusal("version_mismatch", "errors.realtime.version_mismatch")));
  });

  // Authenticate from the same session cookie as HTTP; anonymous sockets may only read public rooms.
  io.use(async (socket, next) => {
    try {
      const cookie = socket.request.headers.cookie ?? "";
      // The signed cookie is verified once and the person read in one statement (a room rejoining after a
      // restart does this a thousand times in a few seconds).
      const sessionId = cookie ? await readSessionId(new Request("http://socket.local/", { headers: { cookie } })) : null;
      const user = sessionId ? await personOfSession(getDb(), systemClock, sessionId) : null;
      socket.data.userId = user?.id ?? null;
      rememberActor(socket, user, sessionId);
      next();
    } catch (error) {
      console.error("[realtime] authentication failed", error);
      next(connectRefusal(refusal("unexpected", "errors.unexpected")));
    }
  });

  io.on("connection", (socket) => {
    limitEvents(socket, limiter);
    // Signing out disconnects every socket of this sign-in, on whichever process it lives.
    const sessionId = sessionIdOf(socket);
    if (sessionId) void socket.join(rooms.session(sessionRoomKey(sessionId)));
    if (socket.data.userId) void socket.join(rooms.user(socket.data.userId));

    socket.on("session:hello", (payload, ack) => {
      if (typeof ack !== "function") return;
      if (!payload || typeof payload.protocolVersion !== "number") {
        ack(refusal("malformed", "errors.realtime.malformed"));
        return;
      }
      if (payload.protocolVersion !== PROTOCOL_VERSION) {
        ack(refusal("version_mismatch", "errors.realtime.version_mismatch"));
        return;
      }
      ack({ ok: true, userId: socket.data.userId, protocolVersion: PROTOCOL_VERSION });
    });
    registerMeetingHandlers(io, socket);
  });

  return io;
}

/** A refused handshake: the client's connect_error carries the refusal as `data` (socket.io sends it along). */
function connectRefusal(answer: Refusal): Error & { data: Refusal } {
  return Object.assign(new Error(answer.reason), { data: answer });
}
