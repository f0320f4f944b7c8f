import crypto from "node:crypto";
import type { Db } from "../../utils/db.server";
import type { Clock } from "../clock";

/**
 * Whether sessions still sign someone in, checked at every socket event so a sign-out elsewhere, an expiry
 * or a disabled account stops a socket at its next event. During a vote a thousand phones ask within the
 * same few milliseconds; the checks asked in one turn of the event loop share one `IN (…)` read, so the
 * check costs one query per burst instead of one per ballot.
 */
export function batchedSessionCheck(db: () => Db, clock: Clock): (sessionId: string) => Promise<boolean> {
  let waiting: Map<string, ((active: boolean) => void)[]> | null = null;
  let failures: ((error: unknown) => void)[] = [];

  async function flush(batch: Map<string, ((active: boolean) => void)[]>, fail: ((error: unknown) => void)[]) {
    try {
      const ids = [...batch.keys()];
      const active = new Set<string>();
      for (let i = 0; i < ids.length; i += SESSION_CHECK_CHUNK) {
        const rows = await db().session.findMany({
          where: { id: { in: ids.slice(i, i + SESSION_CHECK_CHUNK) } },
          select: { id: true, expiresAt: true, user: { select: { disabledAt: true } } },
        });
        const now = clock.now();
        for (const row of rows) if (row.expiresAt > now && !row.user.disabledAt) active.add(row.id);
      }
      for (const [id, resolvers] of batch) for (const resolve of resolvers) resolve(active.has(id));
    } catch (error) {
      for (const reject of fail) reject(error);
    }
  }

  return (sessionId) =>
    new Promise<boolean>((resolve, reject) => {
      if (!waiting) {
        const batch = (waiting = new Map());
        const fail = (failures = []);
        setImmediate(() => {
          waiting = null;
          void flush(batch, fail);
        });
      }
      const resolvers = waiting.get(sessionId);
      if (resolvers) resolvers.push(resolve);
      else waiting.set(sessionId, [resolve]);
      failures.push(reject);
    });
}

/** Well under SQLite's and PostgreSQL's limits on bound parameters. */
const SESSION_CHECK_CHUNK = 500;

/**
 * The name a session's sockets share a room under. A digest, not the id itself: room names travel
 * between processes through the socket adapter and must not carry a credential.
 */
export function sessionRoomKey(sessionId: string): string {
  return crypto.createHash("sha256").update(sessionId).digest("base64url").slice(0, 32);
}
