import crypto from "node:crypto";
import type { Clock } from "../../infra/clock";
import { DAY } from "../../infra/clock";
import type { Db } from "../../infra/db.server";
import { getEnv } from "../../infra/env.server";
import { hashPassword } from "../../infra/password.server";
import { SESSION_DAYS, deviceName } from "../accounts/sign-in.server";
import type { SignInLimits } from "../accounts/sign-in-limits.server";
import { countSignInAttempt, forgiveSignInAttempt } from "../accounts/sign-in-limits.server";
import type { CommunitySummary } from "../communities/community-list.server";
import { invalid, notFound } from "../errors";
import type { Actor } from "../permissions";
import { requirePermission } from "../permissions";
import {
  CODE_VALID_DAYS,
  formatActivationCode,
  hashActivationCode,
  isActivationCodeShape,
  newActivationCode,
  normaliseActivationCode,
} from "./activation-code";
import { checkPasswordStrength } from "./password-strength";

const codeKey = () => getEnv().SESSION_SECRET ?? "";
const hashOf = (code: string) => hashActivationCode(code, codeKey());

/** What an invitation letter prints for one person. The code is shown once, here, and never stored. */
export interface InvitationLetter {
  userId: string;
  name: string;
  username: string;
  address: { building: string; entrance: string; room: string } | null;
  gridCode: string | null;
  code: string;
  expiresAt: Date;
}

const LETTERS_PER_BATCH = 500;
/** Letters per print run: a stack a printer and a person can handle, and a page a phone-sized laptop can render. */
export const LETTERS_PER_PRINT = 200;

/**
 * Gives each person a new one-time code (their earlier codes stop working) and returns the letters to
 * print. Either the next batch of people a roll import enrolled who have no letter yet, or named people of
 * this community (a lost letter; for someone already active, a password reset).
 */
export async function issueInvitationLetters(
  db: Db,
  clock: Clock,
  actor: Actor,
  community: CommunitySummary,
  who: { importId: string } | { userIds: string[] },
): Promise<{ letters: InvitationLetter[]; endedSessionIds: string[] }> {
  requirePermission(actor, "manage:people", { communityId: community.id, streetId: community.streetId });
  const people =
    "importId" in who
      ? await lettersNotYetPrinted(db, community, who.importId)
      : await db.user.findMany({
          where: {
            id: { in: [...new Set(who.userIds)].slice(0, LETTERS_PER_PRINT) },
            memberships: { some: { communityId: community.id } },
          },
          select: { id: true, displayName: true, username: true, needsActivation: true },
        });
  if ("userIds" in who && people.length !== new Set(who.userIds).size) throw notFound();
  const records = await db.residentRecord.findMany({
    where: { communityId: community.id, userId: { in: people.map((p) => p.id) } },
    select: { userId: true, building: true, entrance: true, room: true, gridId: true },
  });
  const grids = await db.grid.findMany({ where: { communityId: community.id }, select: { id: true, code: true } });
  const gridCode = new Map(grids.map((g) => [g.id, g.code]));
  const recordOf = new Map(records.map((r) => [r.userId, r]));
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + CODE_VALID_DAYS * DAY);
  // In delivery order: a grid worker takes the stack door to door, grid by grid, building by building.
  const walk = (id: string) => {
    const r = recordOf.get(id);
    return r ? [gridCode.get(r.gridId ?? "") ?? "", r.building, r.entrance, r.room] : ["\uffff"];
  };
  const byWalk = new Intl.Collator("zh-CN", { numeric: true });
  people.sort((a, b) => {
    const [x, y] = [walk(a.id), walk(b.id)];
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      const order = byWalk.compare(x[i] ?? "", y[i] ?? "");
      if (order !== 0) return order;
    }
    return 0;
  });
  const letters: InvitationLetter[] = people.map((person) => {
    const record = recordOf.get(person.id);
    return {
      userId: person.id,
      name: person.displayName,
      username: person.username,
      address: record ? { building: record.building, entrance: record.entrance, room: record.room } : null,
      gridCode: record?.gridId ? (gridCode.get(record.gridId) ?? null) : null,
      code: newActivationCode(),
      expiresAt,
    };
  });
  // A letter for someone already active is a password reset: the old password and every session end now.
  const resetIds = people.filter((p) => !p.needsActivation).map((p) => p.id);
  const endedSessionIds =
    resetIds.length === 0
      ? []
      : await db.$transaction(async (tx) => {
          const sessions = await tx.session.findMany({ where: { userId: { in: resetIds } }, select: { id: true } });
          await tx.session.deleteMany({ where: { userId: { in: resetIds } } });
          await tx.user.updateMany({ where: { id: { in: resetIds } }, data: { passwordHash: "", needsActivation: true } });
          await tx.auditLog.createMany({
            data: resetIds.map((id) => ({
              actorId: actor.id,
              communityId: community.id,
              action: "person.password_reset",
              entityType: "user",
              entityId: id,
              createdAt: now,
            })),
          });
          return sessions.map((s) => s.id);
        });
  for (let i = 0; i < letters.length; i += LETTERS_PER_BATCH) {
    const part = letters.slice(i, i + LETTERS_PER_BATCH);
    await db.$transaction([
      db.activationCode.deleteMany({ where: { userId: { in: part.map((l) => l.userId) } } }),
      db.activationCode.createMany({
        data: part.map((l) => ({ userId: l.userId, codeHash: hashOf(l.code), expiresAt, createdById: actor.id, createdAt: now })),
      }),
      db.auditLog.createMany({
        data: part.map((l) => ({
          actorId: actor.id,
          communityId: community.id,
          action: "person.code_issued",
          entityType: "user",
          entityId: l.userId,
          createdAt: now,
        })),
      }),
    ]);
  }
  return { letters, endedSessionIds };
}

/** People an import enrolled who have neither activated nor been given a code yet, the next batch of them. */
async function lettersNotYetPrinted(db: Db, community: CommunitySummary, importId: string, limit = LETTERS_PER_PRINT) {
  const records = await db.residentRecord.findMany({
    where: { communityId: community.id, rollImportId: importId },
    select: { userId: true },
  });
  const ids = records.map((r) => r.userId);
  const printed = new Set<string>();
  for (let i = 0; i < ids.length; i += LETTERS_PER_BATCH) {
    const codes = await db.activationCode.findMany({
      where: { userId: { in: ids.slice(i, i + LETTERS_PER_BATCH) } },
      select: { userId: true },
    });
    for (const code of codes) printed.add(code.userId);
  }
  const waiting = ids.filter((id) => !printed.has(id));
  const people = [];
  for (let i = 0; i < waiting.length && people.length < limit; i += LETTERS_PER_BATCH) {
    people.push(
      ...(await db.user.findMany({
        where: { id: { in: waiting.slice(i, i + LETTERS_PER_BATCH) }, needsActivation: true, disabledAt: null },
        select: { id: true, displayName: true, username: true, needsActivation: true },
        orderBy: { createdAt: "asc" },
      })),
    );
  }
  return people.slice(0, limit);
}

/** How many people of an import still wait for a letter (after a batch was printed). */
export async function lettersWaiting(db: Db, actor: Actor, community: CommunitySummary, importId: string): Promise<number> {
  requirePermission(actor, "manage:people", { communityId: community.id, streetId: community.streetId });
  return (await lettersNotYetPrinted(db, community, importId, Number.POSITIVE_INFINITY)).length;
}

/** Who a code belongs to, for the activation page's greeting; null for a code that does not work (any reason). */
export async function activationCodeOwner(db: Db, clock: Clock, typed: string): Promise<{ name: string; username: string } | null> {
  const code = normaliseActivationCode(typed);
  if (!isActivationCodeShape(code)) return null;
  const row = await db.activationCode.findUnique({ where: { codeHash: hashOf(code) }, select: { expiresAt: true, userId: true } });
  if (!row || row.expiresAt <= clock.now()) return null;
  const user = await db.user.findUnique({ where: { id: row.userId }, select: { displayName: true, username: true, disabledAt: true } });
  if (!user || user.disabledAt) return null;
  return { name: user.displayName, username: user.username };
}

/**
 * Activates an account with its one-time code: sets the password (strength checked with zxcvbn against the
 * person's own name, phone and username), spends the code, ends any session the account had (a reset
 * locks out whoever knew the old password) and signs the person in. Attempts count against the same limits
 * as signing in, keyed by the address, so codes cannot be guessed.
 */
export async function activateAccount(
  db: Db,
  clock: Clock,
  limits: SignInLimits,
  input: { code: string; password: string; ip: string; previousSessionId?: string | null; userAgent?: string | null },
): Promise<{ sessionId: string; userId: string; expiresAt: Date; endedSessionIds: string[] }> {
  const attempt = { username: `#activation@${input.ip}`, ip: input.ip };
  await countSignInAttempt(db, limits, attempt);
  const code = normaliseActivationCode(input.code);
  const row = isActivationCodeShape(code) ? await db.activationCode.findUnique({ where: { codeHash: hashOf(code) } }) : null;
  const now = clock.now();
  if (!row) throw invalid("people:errors.code_unknown");
  if (row.expiresAt <= now) throw invalid("people:errors.code_expired");
  const user = await db.user.findUnique({
    where: { id: row.userId },
    select: { id: true, displayName: true, username: true, phone: true, disabledAt: true },
  });
  if (!user || user.disabledAt) throw invalid("people:errors.code_unknown");
  // A right code is not a guess: the attempt is forgiven before the password is judged.
  await forgiveSignInAttempt(db, limits, attempt);

  const verdict = checkPasswordStrength(input.password, [user.displayName, user.username, user.phone ?? ""]);
  if (!verdict.ok) throw invalid(`people:password.weak.${verdict.reason}`);

  const passwordHash = await hashPassword(input.password);
  const sessionId = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY);
  const endedSessionIds = await db.$transaction(async (tx) => {
    // The code is spent by this delete; a second activation with the same code finds nothing to delete.
    const spent = await tx.activationCode.deleteMany({ where: { id: row.id } });
    if (spent.count === 0) throw invalid("people:errors.code_unknown");
    await tx.activationCode.deleteMany({ where: { userId: user.id } });
    const ended = await tx.session.findMany({ where: { userId: user.id }, select: { id: true } });
    await tx.session.deleteMany({ where: { userId: user.id } });
    if (input.previousSessionId) await tx.session.deleteMany({ where: { id: input.previousSessionId } });
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, needsActivation: false } });
    await tx.session.create({
      data: { id: sessionId, userId: user.id, expiresAt, createdAt: now, lastSeenAt: now, userAgent: deviceName(input.userAgent) },
    });
    const communities = await tx.membership.findMany({
      where: { userId: user.id },
      select: { communityId: true },
      distinct: ["communityId"],
    });
    await tx.auditLog.createMany({
      data: (communities.length > 0 ? communities : [{ communityId: null }]).map((m) => ({
        actorId: user.id,
        communityId: m.communityId,
        action: "person.activated",
        entityType: "user",
        entityId: user.id,
        createdAt: now,
      })),
    });
    return ended.map((s) => s.id);
  });
  return { sessionId, userId: user.id, expiresAt, endedSessionIds };
}

export { formatActivationCode };
