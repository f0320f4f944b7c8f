import crypto from "node:crypto";
import type { Db } from "../../utils/db.server";
import type { Clock } from "../clock";

/**
 * Whether a session still signs someone in: one primary-key read, cheap enough for every socket event,
 * so a sign-out elsewhere, an expiry or a disabled account stops a socket at its next event.
 */
export async function isSessionActive(db: Db, clock: Clock, sessionId: string): Promise<boolean> {
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: { expiresAt: true, user: { select: { disabledAt: true } } },
  });
  return Boolean(session && session.expiresAt > clock.now() && !session.user.disabledAt);
}

/**
 * The name a session's sockets share a room under. A digest, not the id itself: room names travel
 * between processes through the socket adapter and must not carry a credential.
 */
export function sessionRoomKey(sessionId: string): string {
  return crypto.createHash("sha256").update(sessionId).digest("base64url").slice(0, 32);
}
