/**
 * The baseline's own database (baseline-server.ts): one SQLite file with N voters, a session token each,
 * one meeting and one open for/against/abstain poll. Cookies carry the bare token under Yishi's cookie
 * name, so clients.ts sends them exactly as it sends Yishi's signed ones.
 */
import Database from "better-sqlite3";
import crypto from "node:crypto";

export const BASELINE_SCHEMA = `
  CREATE TABLE voter (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
  CREATE TABLE session (token TEXT PRIMARY KEY, voter_id INTEGER NOT NULL REFERENCES voter (id), expires_at INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE meeting (id TEXT PRIMARY KEY, title TEXT NOT NULL);
  CREATE TABLE poll (id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES meeting (id), question TEXT NOT NULL,
    options TEXT NOT NULL, status TEXT NOT NULL);
  CREATE TABLE ballot (id INTEGER PRIMARY KEY, poll_id TEXT NOT NULL REFERENCES poll (id), voter_id INTEGER NOT NULL REFERENCES voter (id),
    choice TEXT NOT NULL, idempotency_key TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE UNIQUE INDEX ballot_poll_voter ON ballot (poll_id, voter_id);
`;

export interface BaselineWorld {
  meetingId: string;
  pollId: string;
  /** `yishi_session=<token>`, one per voter, in voter order. */
  cookies: string[];
  /** The voters' ids as the server's receipts name them, in the same order. */
  voterIds: string[];
}

export function createBaselineWorld(file: string, voters: number): BaselineWorld {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.exec(BASELINE_SCHEMA);
  const meetingId = crypto.randomUUID();
  const pollId = crypto.randomUUID();
  const cookies: string[] = [];
  const voterIds: string[] = [];
  const expires = Date.now() + 24 * 3600_000;
  const insertVoter = db.prepare("INSERT INTO voter (id, name) VALUES (?, ?)");
  const insertSession = db.prepare("INSERT INTO session (token, voter_id, expires_at) VALUES (?, ?, ?)");
  db.transaction(() => {
    db.prepare("INSERT INTO meeting (id, title) VALUES (?, ?)").run(meetingId, "基线议事会");
    db.prepare("INSERT INTO poll (id, meeting_id, question, options, status) VALUES (?, ?, ?, ?, 'open')").run(
      pollId,
      meetingId,
      "压力测试：是否同意？",
      JSON.stringify(["yes", "no", "abstain"]),
    );
    for (let i = 1; i <= voters; i++) {
      const token = crypto.randomBytes(32).toString("base64url");
      insertVoter.run(i, `居民${i}`);
      insertSession.run(token, i, expires);
      cookies.push(`yishi_session=${token}`);
      voterIds.push(String(i));
    }
  })();
  db.close();
  return { meetingId, pollId, cookies, voterIds };
}

/** What was stored for a poll: rows, distinct voters, and how many of `ackedVoterIds` have no row. */
export function baselineStored(file: string, pollId: string, ackedVoterIds: string[]) {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare("SELECT voter_id AS voterId FROM ballot WHERE poll_id = ?").all(pollId) as { voterId: number }[];
    const distinct = new Set(rows.map((r) => String(r.voterId)));
    return {
      stored: rows.length,
      duplicates: rows.length - distinct.size,
      ackedMissing: ackedVoterIds.filter((v) => !distinct.has(v)).length,
    };
  } finally {
    db.close();
  }
}
