/**
 * One resident's browser gone wrong (or hostile): a single signed-in socket sending `meeting:snapshot` and
 * `speaker:raise` at a fixed rate in bursts of 100, without waiting for answers, reconnecting whenever it is cut off.
 * Runs in its own process so its CPU is not charged to the observer's latency. Bounded by time and count.
 */
import { io } from "socket.io-client";
import { PROTOCOL_VERSION } from "../../app/realtime/protocol";

interface Config {
  url: string;
  cookie: string;
  meetingId: string;
  durationMs: number;
  maxEvents: number;
  /** Events per second; the reproduced case was 20,000 in 19 s. */
  rate: number;
}

const config = JSON.parse(process.argv[2]!) as Config;
const stats = { sent: 0, accepted: 0, refused: 0, unanswered: 0, disconnects: 0, endedReasons: {} as Record<string, number> };
const deadline = Date.now() + config.durationMs;

async function oneConnection(): Promise<void> {
  const socket = io(config.url, {
    transports: ["websocket"],
    extraHeaders: { cookie: config.cookie },
    auth: { protocolVersion: PROTOCOL_VERSION },
    reconnection: false,
    forceNew: true,
  });
  const connected = await new Promise<boolean>((resolve) => {
    socket.once("connect", () => resolve(true));
    socket.once("connect_error", () => resolve(false));
  });
  if (!connected) return;
  socket.on("session:ended", ({ reason }) => (stats.endedReasons[reason] = (stats.endedReasons[reason] ?? 0) + 1));
  const closed = new Promise<void>((resolve) => socket.once("disconnect", () => resolve()));
  let open = true;
  void closed.then(() => (open = false));
  const emit = socket.timeout(3_000).emitWithAck.bind(socket.timeout(3_000)) as unknown as (
    e: string,
    p: unknown,
  ) => Promise<{ ok: boolean }>;
  while (open && Date.now() < deadline && stats.sent < config.maxEvents) {
    for (let i = 0; i < 100 && open; i++) {
      stats.sent++;
      const event = i % 2 === 0 ? "meeting:snapshot" : "speaker:raise";
      emit(event, { meetingId: config.meetingId })
        .then((answer) => (answer.ok ? stats.accepted++ : stats.refused++))
        .catch(() => stats.unanswered++);
    }
    await new Promise((r) => setTimeout(r, Math.max(1, Math.round((100 / config.rate) * 1000))));
  }
  stats.disconnects += open ? 0 : 1;
  socket.disconnect();
}

while (Date.now() < deadline && stats.sent < config.maxEvents) {
  await oneConnection();
  // A reconnect loop as tight as a broken client's; the short pause keeps the loop itself from spinning.
  await new Promise((r) => setTimeout(r, 50));
}
await new Promise((r) => setTimeout(r, 3_200));
process.send?.(stats);
process.exit(0);
