import crypto from "node:crypto";
import type { Db } from "../../utils/db.server";
import { hashPassword, verifyPassword } from "../../utils/password.server";
import type { Clock } from "../clock";
import { DomainError } from "../errors";

export interface SignInLimits {
  maxFailures: number;
  windowMinutes: number;
}

export const SESSION_DAYS = 30;

// An unknown username costs as much as a wrong password, so timing does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;

/**
 * Checks a username and password, with the failure count kept in the database so the limit holds
 * across app processes. Returns a brand-new session id (the caller rotates the cookie).
 */
export async function signIn(
  db: Db,
  clock: Clock,
  limits: SignInLimits,
  input: { username: string; password: string; ip: string; previousSessionId?: string | null },
): Promise<{ sessionId: string; userId: string; expiresAt: Date }> {
  const username = input.username.trim().toLowerCase();
  const userKey = `user:${username}`;
  const ipKey = `ip:${input.ip}`;
  const since = new Date(clock.now().getTime() - limits.windowMinutes * 60_000);

  const [userFailures, ipFailures] = await Promise.all([
    db.signInAttempt.count({ where: { key: userKey, succeeded: false, createdAt: { gte: since } } }),
    db.signInAttempt.count({ where: { key: ipKey, succeeded: false, createdAt: { gte: since } } }),
  ]);
  // One address may try several accounts (a shared community-centre PC), so it gets more room.
  if (userFailures >= limits.maxFailures || ipFailures >= limits.maxFailures * 4) {
    throw new DomainError("rate_limited", "errors.signin.rate_limited", { minutes: limits.windowMinutes });
  }

  const user = await db.user.findUnique({ where: { username } });
  const ok = user && !user.disabledAt
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyPassword(await (dummyHash ??= hashPassword(crypto.randomUUID())), input.password).then(() => false);

  const now = clock.now();
  if (!ok || !user) {
    await db.signInAttempt.createMany({
      data: [
        { key: userKey, succeeded: false, createdAt: now },
        { key: ipKey, succeeded: false, createdAt: now },
      ],
    });
    throw new DomainError("unauthenticated", "errors.signin.invalid");
  }

  const sessionId = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 24 * 3600_000);
  await db.$transaction([
    // Rotation: the session the visitor arrived with (if any) stops working.
    ...(input.previousSessionId ? [db.session.deleteMany({ where: { id: input.previousSessionId } })] : []),
    db.session.create({ data: { id: sessionId, userId: user.id, expiresAt, createdAt: now } }),
    db.signInAttempt.deleteMany({ where: { key: userKey, succeeded: false } }),
  ]);
  return { sessionId, userId: user.id, expiresAt };
}

export async function signOut(db: Db, sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
}
