/**
 * The live-vote bench's baseline: the least a server must do for Yishi's vote path, on plain Node +
 * socket.io + better-sqlite3, so the bench can say how far Yishi is from it in the same run.
 *
 *   - connect: the session token from the cookie (or `auth.token` in the handshake) → the voter, one
 *     indexed SELECT; unknown tokens are refused;
 *   - `meeting:join`: joins the meeting's room and answers a small snapshot (one SELECT: has this voter voted);
 *   - `vote:cast`: checks the payload and that the poll is open, one INSERT into a table with a UNIQUE
 *     (poll_id, voter_id) index (WAL, synchronous=FULL, so the commit is on disk), acks after the commit with
 *     Yishi's receipt shape; a retry with the same idempotency key is answered with a replay, another ballot
 *     by the same voter is refused. The ballots that arrive in one event-loop turn share one transaction
 *     (one fsync), without waiting for more (Yishi gathers for 8 ms); `"commit": "each"` commits every
 *     ballot on its own instead;
 *   - `poll:tally` to the meeting's room, coalesced to at most one per 100 ms per poll, in Yishi's shape.
 *
 * Not done (Yishi does them): protocol hello, per-event rate limits, role checks, proxies, secret-ballot
 * separation, a gather window. The event names and payloads are copied from app/realtime/protocol.ts (this file
 * imports no app code). It is compiled on the fly and run on plain node with production's V8 flags
 * (run.ts), the database written beforehand by baseline-world.ts.
 *
 *   node baseline-server.mjs '{"dbFile":"…","port":1234}'
 */
import Database from "better-sqlite3";
import http from "node:http";
import { Server } from "socket.io";
import type { Socket } from "socket.io";

type Refusal = { ok: false; reason: string };
type Ack<T> = ({ ok: true } & T) | Refusal;
interface TallyUpdate {
  meetingId: string;
  pollId: string;
  votesCast: number;
  manualVoters: number;
  counts: Record<string, number> | null;
}
interface BallotReceipt {
  pollId: string;
  voterId: string;
  votesCast: number;
  changed: boolean;
  replay: boolean;
}
interface Snapshot {
  meeting: { id: string; title: string };
  polls: { id: string; question: string; options: string[]; status: string; votesCast: number }[];
  me: { voterId: string; name: string; votedIn: string[] };
}

const TALLY_INTERVAL_MS = 100;
/** commit "turn" (default): the ballots of one event-loop turn share a transaction; "each": one transaction per ballot. */
const config = JSON.parse(process.argv[2]) as { dbFile: string; port: number; commit?: "turn" | "each" };

const db = new Database(config.dbFile);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = FULL");
const findVoter = db.prepare<[string, number], { id: number; name: string }>(
  "SELECT v.id, v.name FROM session s JOIN voter v ON v.id = s.voter_id WHERE s.token = ? AND s.expires_at > ?",
);
const insertBallot = db.prepare<[string, number, string, string, number]>(
  "INSERT INTO ballot (poll_id, voter_id, choice, idempotency_key, created_at) VALUES (?, ?, ?, ?, ?)",
);
const earlierBallot = db.prepare<[string, number], { key: string }>(
  "SELECT idempotency_key AS key FROM ballot WHERE poll_id = ? AND voter_id = ?",
);

// Meetings and polls change only through this process, so they live in memory; ballots are on disk.
interface Poll {
  id: string;
  meetingId: string;
  question: string;
  options: string[];
  status: string;
  votesCast: number;
  counts: Record<string, number>;
  lastTally: number;
  tallyTimer: NodeJS.Timeout | null;
}
const meetings = new Map((db.prepare("SELECT id, title FROM meeting").all() as { id: string; title: string }[]).map((m) => [m.id, m]));
const polls = new Map<string, Poll>();
for (const row of db.prepare("SELECT id, meeting_id AS meetingId, question, options, status FROM poll").all() as {
  id: string;
  meetingId: string;
  question: string;
  options: string;
  status: string;
}[]) {
  const options = JSON.parse(row.options) as string[];
  const counts = Object.fromEntries(options.map((o) => [o, 0]));
  for (const c of db.prepare("SELECT choice, COUNT(*) AS n FROM ballot WHERE poll_id = ? GROUP BY choice").all(row.id) as {
    choice: string;
    n: number;
  }[])
    counts[c.choice] = c.n;
  const votesCast = Object.values(counts).reduce((a, b) => a + b, 0);
  polls.set(row.id, { ...row, options, counts, votesCast, lastTally: 0, tallyTimer: null });
}

const httpServer = http.createServer((req, res) => {
  if (req.url === "/healthz") {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end('{"ok":true}');
    return;
  }
  res.writeHead(404).end();
});
// The same engine settings as Yishi's (app/realtime/server.server.ts): the 2 s ping costs the same here.
const io = new Server(httpServer, { serveClient: false, pingInterval: 2_000, pingTimeout: 10_000 });
const room = (meetingId: string) => `meeting:${meetingId}`;

function tally(poll: Poll): void {
  if (poll.tallyTimer) return;
  const wait = Math.max(0, poll.lastTally + TALLY_INTERVAL_MS - Date.now());
  poll.tallyTimer = setTimeout(() => {
    poll.tallyTimer = null;
    poll.lastTally = Date.now();
    const update: TallyUpdate = {
      meetingId: poll.meetingId,
      pollId: poll.id,
      votesCast: poll.votesCast,
      manualVoters: 0,
      counts: { ...poll.counts },
    };
    io.to(room(poll.meetingId)).emit("poll:tally", update);
  }, wait);
}

function tokenOf(socket: Socket): string | null {
  const fromAuth = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof fromAuth === "string") return fromAuth;
  const cookie = socket.request.headers.cookie ?? "";
  const match = /(?:^|;\s*)yishi_session=([^;]+)/.exec(cookie);
  return match ? decodeURIComponent(match[1]) : null;
}

io.use((socket, next) => {
  const token = tokenOf(socket);
  const voter = token ? findVoter.get(token, Date.now()) : undefined;
  if (!voter) return next(new Error("meetings:errors.signInRequired"));
  socket.data.voter = voter;
  next();
});

io.on("connection", (socket) => {
  const voter = socket.data.voter as { id: number; name: string };

  socket.on("meeting:join", (payload: unknown, ack: unknown) => {
    if (typeof ack !== "function") return;
    const reply = ack as (a: Ack<{ snapshot: Snapshot }>) => void;
    const meetingId = (payload as { meetingId?: unknown } | null)?.meetingId;
    const meeting = typeof meetingId === "string" ? meetings.get(meetingId) : undefined;
    if (!meeting) return reply({ ok: false, reason: "meetings:errors.notFound" });
    void socket.join(room(meeting.id));
    const meetingPolls = [...polls.values()].filter((p) => p.meetingId === meeting.id);
    reply({
      ok: true,
      snapshot: {
        meeting,
        polls: meetingPolls.map((p) => ({ id: p.id, question: p.question, options: p.options, status: p.status, votesCast: p.votesCast })),
        // One indexed read per poll of the meeting (one here): has this voter voted in it?
        me: {
          voterId: String(voter.id),
          name: voter.name,
          votedIn: meetingPolls.filter((p) => earlierBallot.get(p.id, voter.id)).map((p) => p.id),
        },
      },
    });
  });

  socket.on("vote:cast", (payload: unknown, ack: unknown) => {
    if (typeof ack !== "function") return;
    const reply = ack as (a: Ack<BallotReceipt>) => void;
    const input = payload as { pollId?: unknown; choices?: unknown; idempotencyKey?: unknown } | null;
    const poll = typeof input?.pollId === "string" ? polls.get(input.pollId) : undefined;
    const key = input?.idempotencyKey;
    const choices = input?.choices;
    if (!poll) return reply({ ok: false, reason: "meetings:errors.pollNotFound" });
    if (typeof key !== "string" || key.length < 8 || key.length > 80) return reply({ ok: false, reason: "meetings:errors.malformed" });
    if (!Array.isArray(choices) || choices.length !== 1 || typeof choices[0] !== "string" || !poll.options.includes(choices[0]))
      return reply({ ok: false, reason: "meetings:errors.malformed" });
    if (poll.status !== "open") return reply({ ok: false, reason: "meetings:errors.pollClosed" });
    pending.push({ poll, voterId: voter.id, choice: choices[0], key, reply, stored: false });
    if (config.commit === "each") commitPending();
    else if (pending.length === 1) setImmediate(commitPending);
  });
});

interface PendingBallot {
  poll: Poll;
  voterId: number;
  choice: string;
  key: string;
  reply: (a: Ack<BallotReceipt>) => void;
  stored: boolean;
}
let pending: PendingBallot[] = [];

/** One INSERT per ballot; the ballots of one event-loop turn share the transaction, so one fsync. */
const insertAll = db.transaction((batch: PendingBallot[]) => {
  for (const b of batch) {
    try {
      insertBallot.run(b.poll.id, b.voterId, b.choice, b.key, Date.now());
      b.stored = true;
    } catch (error) {
      // The unique index refused a second ballot of this voter: only this statement is undone.
      if ((error as { code?: string }).code !== "SQLITE_CONSTRAINT_UNIQUE") throw error;
    }
  }
});

function commitPending(): void {
  const batch = pending;
  pending = [];
  try {
    insertAll(batch);
  } catch (error) {
    console.error("vote:cast failed", error);
    for (const b of batch) b.reply({ ok: false, reason: "errors.unexpected" });
    return;
  }
  // Committed: now the acks, in arrival order.
  for (const b of batch) {
    const receipt = { pollId: b.poll.id, voterId: String(b.voterId), changed: false };
    if (b.stored) {
      b.poll.votesCast++;
      b.poll.counts[b.choice]++;
      b.reply({ ok: true, ...receipt, votesCast: b.poll.votesCast, replay: false });
      tally(b.poll);
    } else if (earlierBallot.get(b.poll.id, b.voterId)?.key === b.key) {
      // A retry after a lost ack gets the first answer.
      b.reply({ ok: true, ...receipt, votesCast: b.poll.votesCast, replay: true });
    } else b.reply({ ok: false, reason: "meetings:errors.alreadyVoted" });
  }
}

httpServer.listen(config.port, "127.0.0.1", () => console.log(`baseline listening on http://127.0.0.1:${config.port}`));
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.once(signal, () => {
    io.close();
    db.close();
    process.exit(0);
  });
