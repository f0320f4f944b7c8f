import crypto from "node:crypto";
import type { Db } from "../../infra/db.server";
import { hashPassword, verifyPassword } from "../../infra/password.server";
import type { Clock } from "../../infra/clock";
import { DomainError } from "../errors";
import type { SignInLimits } from "./sign-in-limits.server";
import { countSignInAttempt, forgiveSignInAttempt } from "./sign-in-limits.server";

export type { SignInLimits };

export const SESSION_DAYS = 30;

// An unknown username costs as much as a wrong password, so timing does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;

/**
 * Checks a username and password. Attempts are counted in the database before the password is checked, so
 * the limits hold across app processes and against parallel guesses (sign-in-limits.server.ts).
 * Returns a brand-new session id (the caller rotates the cookie).
 */
export async function signIn(
  db: Db,
  clock: Clock,
  limits: SignInLimits,
  input: { username: string; password: string; ip: string; previousSessionId?: string | null; userAgent?: string | null },
): Promise<{ sessionId: string; userId: string; expiresAt: Date }> {
  const username = input.username.trim().toLowerCase();
  const attempt = { username, ip: input.ip };
  await countSignInAttempt(db, limits, attempt);

  const user = await db.user.findUnique({ where: { username } });
  const passwordRight = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyPassword(await (dummyHash ??= hashPassword(crypto.randomUUID())), input.password).then(() => false);
  const ok = passwordRight && !user?.disabledAt;

  const now = clock.now();
  // A deactivated person who knows their password is told why (and whom to ask); anyone else learns nothing.
  if (passwordRight && user?.disabledAt) {
    const survivor = user.mergedIntoId ? await db.user.findUnique({ where: { id: user.mergedIntoId }, select: { username: true } }) : null;
    if (survivor) throw new DomainError("forbidden", "admin:errors.account_merged", { username: survivor.username });
    throw new DomainError("forbidden", "admin:errors.account_deactivated");
  }
  if (!ok || !user) throw new DomainError("unauthenticated", "errors.signin.invalid");

  const sessionId = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 24 * 3600_000);
  await db.$transaction([
    // Rotation: the session the visitor arrived with (if any) stops working.
    ...(input.previousSessionId ? [db.session.deleteMany({ where: { id: input.previousSessionId } })] : []),
    db.session.create({
      data: { id: sessionId, userId: user.id, expiresAt, createdAt: now, lastSeenAt: now, userAgent: deviceName(input.userAgent) },
    }),
  ]);
  await forgiveSignInAttempt(db, limits, attempt);
  return { sessionId, userId: user.id, expiresAt };
}

/** What a browser says it is, cut to a length a list can show and a column can hold. */
export function deviceName(userAgent: string | null | undefined): string | null {
  const value = userAgent?.trim();
  return value ? value.slice(0, 300) : null;
}

export async function signOut(db: Db, sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
}
