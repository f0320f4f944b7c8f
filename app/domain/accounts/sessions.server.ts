import crypto from "node:crypto";
import type { Db } from "../../infra/db.server";
import type { Clock } from "../../infra/clock";
import type { Actor } from "../permissions";
import { isCommunityRole } from "../roles";

/** A signed-in person: who they are and every role they hold (an Actor for can()). */
export interface CurrentUser extends Actor {
  username: string;
  displayName: string;
  locale: string | null;
}

/** The person a session signs in, with their memberships; null when the session is unknown, expired or disabled. */
export async function personOfSession(db: Db, clock: Clock, sessionId: string): Promise<CurrentUser | null> {
  const session = await db.session.findUnique({
    where: { id: sessionId },
    include: {
      user: {
        include: { memberships: { include: { community: { select: { streetId: true } } } } },
      },
    },
  });
  if (!session || session.expiresAt <= clock.now() || session.user.disabledAt) return null;
  const { user } = session;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    locale: user.locale,
    streetAdminOfId: user.streetAdminOfId,
    memberships: user.memberships.flatMap((m) =>
      isCommunityRole(m.role)
        ? [
            {
              communityId: m.communityId,
              streetId: m.community.streetId,
              role: m.role,
              isResidentRep: m.isResidentRep,
              unitId: m.unitId,
              gridId: m.gridId,
            },
          ]
        : [],
    ),
  };
}

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
