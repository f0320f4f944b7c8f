/**
 * The voters: N socket.io clients in one process, separate from the server. Driven by the parent over IPC:
 * connect → (vote) → report. Each client joins the meeting's room like a phone does, so every tally
 * broadcast reaches all of them.
 */
import fs from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import { PROTOCOL_VERSION } from "../../app/realtime/protocol";

interface Config {
  url: string;
  /** This process's share of the voters: cookies[from..to). */
  from: number;
  to: number;
  meetingId: string;
  cookiesFile: string;
  connectConcurrency: number;
  /** Connect without joining the meeting's room (to measure a bare connection). */
  noJoin?: boolean;
}

type Msg = { type: "vote"; pollId: string; windowMs: number; keyPrefix: string } | { type: "close" };

const config = JSON.parse(process.argv[2]) as Config;
const allCookies = JSON.parse(fs.readFileSync(config.cookiesFile, "utf8")) as string[];
const cookies = allCookies.slice(config.from, config.to);
const sockets: Socket[] = new Array(cookies.length);
const send = (message: unknown) => process.send?.(message);

async function connectOne(i: number): Promise<boolean> {
  const socket = io(config.url, {
    transports: ["websocket"],
    extraHeaders: { cookie: cookies[i] },
    auth: { protocolVersion: PROTOCOL_VERSION },
    reconnection: false,
    forceNew: true,
    timeout: 20_000,
  });
  sockets[i] = socket;
  const connected = await new Promise<boolean>((resolve) => {
    socket.once("connect", () => resolve(true));
    socket.once("connect_error", () => resolve(false));
  });
  if (!connected) return false;
  if (config.noJoin) return true;
  const joined = await socket
    .timeout(20_000)
    .emitWithAck("meeting:join", { meetingId: config.meetingId })
    .catch(() => null);
  return !!joined?.ok;
}

async function connectAll() {
  let next = 0;
  let ok = 0;
  const started = Date.now();
  async function worker() {
    for (;;) {
      const i = next++;
      if (i >= cookies.length) return;
      if (await connectOne(i)) ok++;
    }
  }
  await Promise.all(Array.from({ length: config.connectConcurrency }, worker));
  send({ type: "connected", connected: ok, ms: Date.now() - started });
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function vote(pollId: string, windowMs: number, keyPrefix: string) {
  const ackLatency: number[] = [];
  const visibleLatency: number[] = [];
  let acked = 0;
  let refused = 0;
  let lost = 0;
  // Of the lost: the socket was not connected when the vote began, at the cast, or when the answer was given up.
  let lostDisconnected = 0;
  let replays = 0;
  const reasons: Record<string, number> = {};
  const start = Date.now();
  // The clients' own event-loop delay is part of every latency measured here; it is reported alongside.
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const ackedVoters: number[] = [];
  const timeline: [number, number][] = [];
  await Promise.all(
    sockets.map(
      (socket, i) =>
        new Promise<void>((resolve) => {
          if (!socket?.connected) {
            lost++;
            lostDisconnected++;
            return resolve();
          }
          // Highest tally seen on this client, with when it arrived.
          const seen: { votes: number; at: number }[] = [];
          let waitingFor: { votes: number; castAt: number } | null = null;
          let settled = false;
          const finishVisible = (at: number) => {
            if (!waitingFor || settled) return;
            settled = true;
            visibleLatency.push(at - waitingFor.castAt);
            socket.off("poll:tally", onTally);
            resolve();
          };
          const onTally = (t: { pollId: string; votesCast: number }) => {
            if (t.pollId !== pollId) return;
            const at = Date.now();
            seen.push({ votes: t.votesCast, at });
            if (waitingFor && t.votesCast >= waitingFor.votes) finishVisible(at);
          };
          socket.on("poll:tally", onTally);
          const delay = Math.floor(Math.random() * windowMs);
          setTimeout(async () => {
            const castAt = Date.now();
            const connectedAtCast = socket.connected;
            const answer = await socket
              .timeout(10_000)
              .emitWithAck("vote:cast", {
                pollId,
                choices: [i % 5 === 0 ? "no" : "yes"],
                idempotencyKey: `${keyPrefix}-${config.from + i}`,
              })
              .catch(() => null);
            const ackAt = Date.now();
            if (!answer) {
              lost++;
              if (!connectedAtCast || !socket.connected) lostDisconnected++;
              socket.off("poll:tally", onTally);
              return resolve();
            }
            if (!answer.ok) {
              refused++;
              reasons[answer.message] = (reasons[answer.message] ?? 0) + 1;
              socket.off("poll:tally", onTally);
              return resolve();
            }
            acked++;
            ackedVoters.push(config.from + i);
            if (answer.replay) replays++;
            ackLatency.push(ackAt - castAt);
            timeline.push([castAt - start, ackAt - castAt]);
            waitingFor = { votes: answer.votesCast, castAt };
            const already = seen.find((s) => s.votes >= answer.votesCast);
            if (already) finishVisible(Math.max(already.at, castAt));
            // A tally that never shows the vote within 5 s counts as not visible.
            setTimeout(() => {
              if (!settled) {
                settled = true;
                socket.off("poll:tally", onTally);
                resolve();
              }
            }, 5_000);
          }, delay);
        }),
    ),
  );
  loop.disable();
  send({
    type: "voted",
    clientLoopDelayP99Ms: Math.round(loop.percentile(99) / 1e6),
    clientLoopDelayMaxMs: Math.round(loop.max / 1e6),
    acked,
    refused,
    lost,
    lostDisconnected,
    replays,
    reasons,
    notVisible: acked - visibleLatency.length,
    ackLatency,
    visibleLatency,
    ackP50: percentile(ackLatency, 50),
    ackP99: percentile(ackLatency, 99),
    ackMax: Math.max(...ackLatency),
    visibleP50: percentile(visibleLatency, 50),
    visibleP99: percentile(visibleLatency, 99),
    ms: Date.now() - start,
    ackedVoters,
    // The slowest acks and when (ms into the window) their ballots were sent: a cold start shows up early.
    slowest: timeline.sort((a, b) => b[1] - a[1]).slice(0, 12),
  });
}

process.on("message", (message: Msg) => {
  if (message.type === "vote") void vote(message.pollId, message.windowMs, message.keyPrefix);
  if (message.type === "close") {
    for (const s of sockets) s?.disconnect();
    setTimeout(() => process.exit(0), 200);
  }
});
void connectAll();
