import type { Clock } from "../../infra/clock";
import type { Db, Tx } from "../../infra/db.server";
import { hashPassword, verifyPassword } from "../../infra/password.server";
import { audit } from "../audit.server";
import { invalid, notFound } from "../errors";
import { checkPasswordStrength } from "../people/password-strength";
import { describeDevice } from "./devices";
import { sessionRoomKey } from "./sessions.server";

/**
 * A person's own account: password, phone, and the devices signed in. Sessions are named on the page by a
 * digest of their id (the same one their socket room uses), never by the id itself, which is the credential.
 */
export async function accountPage(db: Db, clock: Clock, userId: string, currentSessionId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { username: true, displayName: true, phone: true, locale: true },
  });
  if (!user) throw notFound();
  const sessions = await db.session.findMany({
    where: { userId, expiresAt: { gt: clock.now() } },
    orderBy: [{ lastSeenAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
    select: { id: true, userAgent: true, createdAt: true, lastSeenAt: true },
  });
  return {
    account: user,
    sessions: sessions.map((s) => ({
      key: sessionRoomKey(s.id),
      device: describeDevice(s.userAgent),
      userAgent: s.userAgent,
      signedInAt: s.createdAt,
      lastSeenAt: s.lastSeenAt ?? s.createdAt,
      current: s.id === currentSessionId,
    })),
  };
}

async function auditAccount(tx: Tx | Db, userId: string, action: string, at: Date): Promise<void> {
  const communities = await tx.membership.findMany({ where: { userId }, select: { communityId: true }, distinct: ["communityId"] });
  for (const communityId of communities.length > 0 ? communities.map((c) => c.communityId) : [null])
    await audit(tx, { actorId: userId, communityId, action, entityType: "user", entityId: userId, at });
}

/**
 * Changes the password: the current one is required (a phone left signed in is not enough), the new one is
 * judged as on activation. Every other device is signed out; this one stays.
 */
export async function changePassword(
  db: Db,
  clock: Clock,
  userId: string,
  currentSessionId: string,
  input: { current: string; password: string },
): Promise<{ endedSessionIds: string[] }> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { passwordHash: true, displayName: true, username: true, phone: true },
  });
  if (!user) throw notFound();
  if (!(await verifyPassword(user.passwordHash, input.current))) throw invalid("admin:errors.current_password_wrong");
  const verdict = checkPasswordStrength(input.password, [user.displayName, user.username, user.phone ?? ""]);
  if (!verdict.ok) throw invalid(`people:password.weak.${verdict.reason}`);
  const passwordHash = await hashPassword(input.password);
  const now = clock.now();
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    const others = await tx.session.findMany({ where: { userId, id: { not: currentSessionId } }, select: { id: true } });
    await tx.session.deleteMany({ where: { id: { in: others.map((s) => s.id) } } });
    await auditAccount(tx, userId, "account.password_changed", now);
    return { endedSessionIds: others.map((s) => s.id) };
  });
}

export async function changePhone(db: Db, clock: Clock, userId: string, phone: string): Promise<void> {
  const now = clock.now();
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { phone: phone === "" ? null : phone } });
    await auditAccount(tx, userId, "account.phone_changed", now);
  });
}

/** Ends one of the person's own sessions (a phone left at the community office); returns its id for its sockets. */
export async function endOwnSession(db: Db, userId: string, sessionKey: string): Promise<{ endedSessionIds: string[] }> {
  const sessions = await db.session.findMany({ where: { userId }, select: { id: true } });
  const session = sessions.find((s) => sessionRoomKey(s.id) === sessionKey);
  if (!session) throw notFound("admin:errors.session_gone");
  await db.session.deleteMany({ where: { id: session.id, userId } });
  return { endedSessionIds: [session.id] };
}

/** Signs the person out on every device, this one included. */
export async function signOutEverywhere(db: Db, clock: Clock, userId: string): Promise<{ endedSessionIds: string[] }> {
  const now = clock.now();
  return db.$transaction(async (tx) => {
    const sessions = await tx.session.findMany({ where: { userId }, select: { id: true } });
    await tx.session.deleteMany({ where: { userId } });
    await auditAccount(tx, userId, "account.signed_out_everywhere", now);
    return { endedSessionIds: sessions.map((s) => s.id) };
  });
}
