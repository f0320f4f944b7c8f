import crypto from "node:crypto";
import type { Clock } from "../../infra/clock";
import { DAY } from "../../infra/clock";
import type { Db } from "../../infra/db.server";
import { hashPassword } from "../../infra/password.server";
import { audit } from "../audit.server";
import { SESSION_DAYS } from "../accounts/sign-in.server";
import type { SignInLimits } from "../accounts/sign-in-limits.server";
import { countSignInAttempt } from "../accounts/sign-in-limits.server";
import { invalid } from "../errors";
import { isUniqueViolation, notify } from "../notifications/notify.server";
import { checkPasswordStrength } from "../people/password-strength";
import { householdKey } from "../people/roll-rows";
import type { RegistrationDetails } from "./rules";
import { checkRegistration } from "./rules";

/** Grids people can register in, grouped by community, for the registration form. */
export async function registrationChoices(db: Db) {
  const communities = await db.community.findMany({
    select: {
      id: true,
      nameZh: true,
      nameEn: true,
      grids: { select: { id: true, code: true, nameZh: true, nameEn: true }, orderBy: { code: "asc" } },
    },
    orderBy: { createdAt: "asc" },
  });
  return communities.filter((c) => c.grids.length > 0);
}

/** A refusal that belongs next to one field of the form (the route puts it there). */
const fieldRefusal = (field: string, key: string) => invalid(key, { field });

/**
 * Opens an account for someone who registers on their own phone (自主注册). The account works at once for
 * reading, raising issues and commenting; the person's place on the roll waits until the grid worker (at the
 * door) or the community office (in person or by a call back) confirms they live there.
 *
 * What typing can get wrong is judged before anything is counted, so a retyped password costs nothing. Each
 * attempt that reaches the database then counts against the same limits as signing in (ADR 0014), keyed by
 * the address, so nobody can flood the queue or probe which phones have accounts faster than they could
 * guess passwords. A phone that already has an account is refused with one sentence for every case
 * (activated, waiting for a letter, registered before), so the answer tells no more than "use another way".
 */
export async function registerResident(
  db: Db,
  clock: Clock,
  limits: SignInLimits,
  input: RegistrationDetails & { gridId: string; password: string; ip: string; previousSessionId?: string | null },
): Promise<{ sessionId: string; userId: string; expiresAt: Date }> {
  const checked = checkRegistration(input);
  if (!checked.ok) throw fieldRefusal(checked.field, checked.reason);
  const details = checked.value;
  const verdict = checkPasswordStrength(input.password, [details.name, details.phone]);
  if (!verdict.ok) throw fieldRefusal("password", `people:password.weak.${verdict.reason}`);

  await countSignInAttempt(db, limits, { username: `#register@${input.ip}`, ip: input.ip });

  const grid = await db.grid.findUnique({ where: { id: input.gridId }, select: { id: true, communityId: true } });
  if (!grid) throw fieldRefusal("gridId", "errors.field.invalid_choice");
  const taken = await db.user.findFirst({ where: { OR: [{ phone: details.phone }, { username: details.phone }] }, select: { id: true } });
  if (taken) throw fieldRefusal("phone", "enrol:errors.phone_taken");

  const passwordHash = await hashPassword(input.password);
  const now = clock.now();
  const sessionId = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY);
  try {
    const userId = await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { username: details.phone, displayName: details.name, phone: details.phone, passwordHash, createdAt: now },
      });
      await tx.membership.create({
        data: { userId: user.id, communityId: grid.communityId, role: "resident", gridId: grid.id, createdAt: now },
      });
      const record = await tx.residentRecord.create({
        data: {
          communityId: grid.communityId,
          userId: user.id,
          gridId: grid.id,
          building: details.building,
          entrance: details.entrance,
          room: details.room,
          householdKey: householdKey(details),
          source: "self",
          verification: "pending",
          verifiedAt: null,
          createdAt: now,
        },
      });
      if (input.previousSessionId) await tx.session.deleteMany({ where: { id: input.previousSessionId } });
      await tx.session.create({ data: { id: sessionId, userId: user.id, expiresAt, createdAt: now } });
      await audit(tx, {
        actorId: user.id,
        communityId: grid.communityId,
        action: "person.registered",
        entityType: "user",
        entityId: user.id,
        data: { recordId: record.id, gridId: grid.id },
        at: now,
      });
      await notifyCheckers(tx, grid, user.id, now);
      return user.id;
    });
    return { sessionId, userId, expiresAt };
  } catch (error) {
    // Two registrations with the same phone at once: the unique username lets one through.
    if (isUniqueViolation(error)) throw fieldRefusal("phone", "enrol:errors.phone_taken");
    throw error;
  }
}

/** The grid's workers hear of a new registration to check; without one, the community's staff do. */
export async function notifyCheckers(
  tx: Parameters<typeof notify>[0],
  grid: { id: string; communityId: string },
  userId: string,
  at: Date,
): Promise<string[]> {
  const workers = await tx.membership.findMany({
    where: { communityId: grid.communityId, role: "grid_worker", gridId: grid.id },
    select: { userId: true },
  });
  const checkers =
    workers.length > 0
      ? workers
      : await tx.membership.findMany({ where: { communityId: grid.communityId, role: "community_staff" }, select: { userId: true } });
  return notify(
    tx,
    checkers.map((m) => m.userId),
    { type: "registration_waiting", dedupeKey: `registration:${userId}:${at.getTime()}`, data: {}, link: "/people/verify" },
    at,
  );
}
