/**
 * Voters for the kill mode of the live-vote bench (run.ts --kill), one process, driven over IPC.
 *
 * policy "browser": the app's own delivery code (app/realtime/ballot-delivery.ts) over a connection that
 * behaves like the browser's (tests/helpers/live-meeting.ts browserLikeVoter).
 * policy "legacy": the baseline, the browser's policy before ADR 0012: socket.io's default reconnection
 * delays (1 s, at most 5 s), four tries about 0.7/1.4/2.1 s apart, then "no answer" and the voter must press again.
 */
import fs from "node:fs";
import { io } from "socket.io-client";
import type { PendingBallot } from "../../app/realtime/ballot-delivery";
import { deliverBallot } from "../../app/realtime/ballot-delivery";
import type { Refusal } from "../../app/realtime/protocol";
import { PROTOCOL_VERSION, refusal } from "../../app/realtime/protocol";
import type { TestSocket } from "../../tests/helpers/live-meeting";
import { browserLikeVoter } from "../../tests/helpers/live-meeting";

interface Config {
  url: string;
  meetingId: string;
  cookiesFile: string;
  voterIdsFile: string;
  policy: "browser" | "legacy";
}

type Msg = { type: "vote"; pollId: string; windowMs: number; keyPrefix: string } | { type: "killed"; at: number } | { type: "close" };

interface Voter {
  joins: number[];
  live(): boolean;
  cast(ballot: PendingBallot): Promise<{ state: "recorded" | "refused" | "gaveUp"; at: number; reason?: string }>;
  close(): void;
}

const config = JSON.parse(process.argv[2]) as Config;
const cookies = JSON.parse(fs.readFileSync(config.cookiesFile, "utf8")) as string[];
const voterIds = JSON.parse(fs.readFileSync(config.voterIdsFile, "utf8")) as string[];
const send = (message: unknown) => process.send?.(message);

function browserVoter(cookie: string): Voter {
  const voter = browserLikeVoter(config.url, cookie, config.meetingId);
  return {
    joins: voter.joins,
    live: () => voter.gate.isLive(),
    async cast(ballot) {
      const result = await deliverBallot(ballot, voter.transport);
      if (result?.state === "recorded") return { state: "recorded", at: result.at };
      return { state: "refused", at: Date.now(), reason: result?.state === "refused" ? result.message : "aborted" };
    },
    close: () => voter.close(),
  };
}

function legacyVoter(cookie: string): Voter {
  const socket: TestSocket = io(config.url, {
    transports: ["websocket"],
    extraHeaders: { cookie },
    auth: { protocolVersion: PROTOCOL_VERSION },
    forceNew: true,
    timeout: 10_000,
    reconnectionDelayMax: 5_000,
  });
  const joins: number[] = [];
  let live = false;
  socket.on("connect", async () => {
    await socket
      .timeout(8_000)
      .emitWithAck("session:hello", { protocolVersion: PROTOCOL_VERSION })
      .catch(() => null);
    const joined = await socket
      .timeout(8_000)
      .emitWithAck("meeting:join", { meetingId: config.meetingId })
      .catch(() => null);
    if (joined?.ok) {
      joins.push(Date.now());
      live = true;
    }
  });
  socket.on("disconnect", () => (live = false));
  // No answer, no connection or a failed write; not a restarting server (that came with ADR 0012).
  const retryable = (response: Refusal) =>
    response.reason === "timeout" || response.reason === "offline" || response.message === "meetings:errors.tryAgain";
  return {
    joins,
    live: () => live,
    async cast(ballot) {
      for (let attempt = 0; attempt < 4; attempt++) {
        const response = socket.connected
          ? await socket
              .timeout(8_000)
              .emitWithAck("vote:cast", { pollId: ballot.pollId, choices: ballot.choices, idempotencyKey: ballot.idempotencyKey })
              .catch(() => refusal("timeout", "meetings:errors.noAnswer"))
          : refusal("offline", "meetings:errors.offline");
        if (response.ok) return { state: "recorded", at: Date.now() };
        if (!retryable(response)) return { state: "refused", at: Date.now(), reason: response.message };
        await new Promise((r) => setTimeout(r, 700 * (attempt + 1)));
      }
      return { state: "gaveUp", at: Date.now() };
    },
    close: () => socket.disconnect(),
  };
}

const voters = cookies.map((cookie) => (config.policy === "browser" ? browserVoter(cookie) : legacyVoter(cookie)));

async function connectAll() {
  const started = Date.now();
  const deadline = started + 120_000;
  while (voters.some((v) => !v.live()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  send({ type: "connected", connected: voters.filter((v) => v.live()).length, ms: Date.now() - started });
}

let killedAt = 0;
const killed = new Promise<void>((resolve) => process.on("message", (m: Msg) => m.type === "killed" && ((killedAt = m.at), resolve())));

async function vote(pollId: string, windowMs: number, keyPrefix: string) {
  const outcomes = await Promise.all(
    voters.map(
      (voter, i) =>
        new Promise<{ state: string; at: number; reason?: string }>((resolve) => {
          setTimeout(
            () => {
              const ballot: PendingBallot = {
                meetingId: config.meetingId,
                pollId,
                voterId: voterIds[i],
                choices: [i % 5 === 0 ? "no" : "yes"],
                idempotencyKey: `${keyPrefix}-${i}`,
                queuedAt: Date.now(),
              };
              void voter.cast(ballot).then(resolve);
            },
            Math.floor(Math.random() * windowMs),
          );
        }),
    ),
  );
  await killed;
  // Every voter's screen is back once it has rejoined after the kill (a fresh snapshot) and its ballot has
  // its final answer; a voter whose rejoin never came counts at the end of the wait.
  const deadline = Date.now() + 30_000;
  while (voters.some((v) => !v.joins.some((t) => t > killedAt)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  send({
    type: "voted",
    outcomes: outcomes.map((o, i) => ({ ...o, rejoinedAt: voters[i].joins.find((t) => t > killedAt) ?? null })),
  });
}

process.on("message", (message: Msg) => {
  if (message.type === "vote") void vote(message.pollId, message.windowMs, message.keyPrefix);
  if (message.type === "close") {
    for (const v of voters) v.close();
    setTimeout(() => process.exit(0), 200);
  }
});
void connectAll();
