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
  // One statement instead of the four the query builder issues for session → user → memberships → community:
  // every page and every socket connection asks this (the same SQL on SQLite and PostgreSQL).
  const rows = await db.$queryRaw<SessionRow[]>`
    SELECT s."expiresAt", s."lastSeenAt", u."id", u."username", u."displayName", u."locale", u."streetAdminOfId", u."disabledAt",
           m."communityId", m."role", m."isResidentRep", m."unitId", m."gridId", c."streetId"
    FROM "Session" s
    JOIN "User" u ON u."id" = s."userId"
    LEFT JOIN "Membership" m ON m."userId" = u."id"
    LEFT JOIN "Community" c ON c."id" = m."communityId"
    WHERE s."id" = ${sessionId}
    ORDER BY m."createdAt", m."id"`;
  const first = rows[0];
  const now = clock.now();
  if (!first || new Date(first.expiresAt) <= now || first.disabledAt !== null) return null;
  await markSessionSeen(db, sessionId, first.lastSeenAt === null ? null : new Date(first.lastSeenAt), now);
  return {
    id: first.id,
    username: first.username,
    displayName: first.displayName,
    locale: first.locale,
    streetAdminOfId: first.streetAdminOfId,
    memberships: rows.flatMap((m) =>
      m.communityId !== null && m.role !== null && m.streetId !== null && isCommunityRole(m.role)
        ? [
            {
              communityId: m.communityId,
              streetId: m.streetId,
              role: m.role,
              isResidentRep: m.isResidentRep === true || Number(m.isResidentRep) === 1,
              unitId: m.unitId,
              gridId: m.gridId,
            },
          ]
        : [],
    ),
  };
}

/** How stale "last seen" on the account page may be: one write per session per interval, not per request. */
export const SESSION_SEEN_INTERVAL_MS = 5 * 60_000;

async function markSessionSeen(db: Db, sessionId: string, lastSeenAt: Date | null, now: Date): Promise<void> {
  if (lastSeenAt && now.getTime() - lastSeenAt.getTime() < SESSION_SEEN_INTERVAL_MS) return;
  await db.session.updateMany({ where: { id: sessionId }, data: { lastSeenAt: now } });
}

interface SessionRow {
  expiresAt: Date;
  lastSeenAt: Date | string | number | null;
  id: string;
  username: string;
  displayName: string;
  locale: string | null;
  streetAdminOfId: string | null;
  disabledAt: Date | null;
  communityId: string | null;
  role: string | null;
  /** SQLite answers 0/1 (number or bigint), PostgreSQL a boolean. */
  isResidentRep: unknown;
  unitId: string | null;
  gridId: string | null;
  streetId: string | null;
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
