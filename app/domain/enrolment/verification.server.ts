import type { Clock } from "../../infra/clock";
import type { Db, Tx } from "../../infra/db.server";
import { audit } from "../audit.server";
import type { CommunitySummary } from "../communities/community-list.server";
import { conflict, forbidden, invalid, notFound } from "../errors";
import { notify } from "../notifications/notify.server";
import type { Actor } from "../permissions";
import { requirePermission } from "../permissions";
import { verifiableGrids } from "./checkers";
import { householdKey } from "../people/roll-rows";
import { notifyCheckers } from "./register.server";
import type { RegistrationDetails, VerificationMethod } from "./rules";
import { checkRegistration } from "./rules";

/** Registrations waiting for a check, oldest first (the person who has waited longest is seen first). */
export async function verificationQueue(db: Db, actor: Actor, community: CommunitySummary) {
  const grids = verifiableGrids(actor, community);
  if (grids !== "all" && grids.length === 0) throw forbidden("enrol:errors.not_checker");
  const records = await db.residentRecord.findMany({
    where: { communityId: community.id, verification: "pending", ...(grids === "all" ? {} : { gridId: { in: grids } }) },
    orderBy: { updatedAt: "asc" },
    take: 200,
    select: { id: true, userId: true, gridId: true, building: true, entrance: true, room: true, createdAt: true, updatedAt: true },
  });
  const userIds = records.map((r) => r.userId);
  const [users, gridRows, history] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true, phone: true } }),
    db.grid.findMany({ where: { communityId: community.id }, select: { id: true, code: true, nameZh: true, nameEn: true } }),
    db.residentVerification.findMany({
      where: { recordId: { in: records.map((r) => r.id) }, outcome: "declined" },
      orderBy: { createdAt: "desc" },
      select: { recordId: true, reason: true, createdAt: true },
    }),
  ]);
  const userOf = new Map(users.map((u) => [u.id, u]));
  const gridOf = new Map(gridRows.map((g) => [g.id, g]));
  const lastDecline = new Map<string, { reason: string | null; at: Date }>();
  for (const row of history) if (!lastDecline.has(row.recordId)) lastDecline.set(row.recordId, { reason: row.reason, at: row.createdAt });
  return records.map((r) => {
    const user = userOf.get(r.userId);
    return {
      recordId: r.id,
      name: user?.displayName ?? "",
      // Everyone who sees the queue may see the personal information of the grids they check.
      phone: user?.phone ?? null,
      address: { building: r.building, entrance: r.entrance, room: r.room },
      grid: r.gridId ? (gridOf.get(r.gridId) ?? null) : null,
      registeredAt: r.createdAt,
      previousDecline: lastDecline.get(r.id) ?? null,
    };
  });
}

/** How many registrations wait for this person, for the menu and home page. */
export async function pendingRegistrations(db: Db, actor: Actor, community: CommunitySummary): Promise<number> {
  const grids = verifiableGrids(actor, community);
  if (grids !== "all" && grids.length === 0) return 0;
  return db.residentRecord.count({
    where: { communityId: community.id, verification: "pending", ...(grids === "all" ? {} : { gridId: { in: grids } }) },
  });
}

export type RegistrationDecision =
  | { recordId: string; outcome: "approved"; method: VerificationMethod; note?: string }
  | { recordId: string; outcome: "declined"; method: VerificationMethod; reason: string; note?: string };

/**
 * Approves or declines a registration after checking it at the door or in the office. Approval puts the
 * person on the roll as verified (they may then be put on a voting roll); a decline keeps the account for
 * reading and raising issues, tells the person why, and lets them correct their details and apply again.
 * Only a waiting registration can be decided: two checkers deciding at once, the second is told so.
 */
export async function decideRegistration(db: Db, clock: Clock, actor: Actor, input: RegistrationDecision): Promise<{ name: string }> {
  const record = await db.residentRecord.findUnique({
    where: { id: input.recordId },
    select: { id: true, userId: true, communityId: true, gridId: true, verification: true },
  });
  if (!record) throw notFound();
  const community = await db.community.findUniqueOrThrow({ where: { id: record.communityId }, select: { streetId: true } });
  requirePermission(
    actor,
    "verify:resident",
    { communityId: record.communityId, streetId: community.streetId, gridId: record.gridId },
    "enrol:errors.not_checker",
  );
  if (input.outcome === "declined" && !input.reason.trim()) throw invalid("enrol:errors.reason_required", { field: "reason" });
  const now = clock.now();
  const approved = input.outcome === "approved";
  await db.$transaction(async (tx) => {
    const changed = await tx.residentRecord.updateMany({
      where: { id: record.id, verification: "pending" },
      data: {
        verification: approved ? "verified" : "declined",
        verifiedById: actor.id,
        verifiedAt: now,
        declineReason: approved ? null : input.reason,
      },
    });
    if (changed.count === 0) throw conflict("enrol:errors.already_decided");
    await tx.residentVerification.create({
      data: {
        recordId: record.id,
        communityId: record.communityId,
        userId: record.userId,
        outcome: input.outcome,
        method: input.method,
        note: input.note || null,
        reason: approved ? null : input.reason,
        checkedById: actor.id,
        createdAt: now,
      },
    });
    await audit(tx, {
      actorId: actor.id,
      communityId: record.communityId,
      action: approved ? "person.registration_approved" : "person.registration_declined",
      entityType: "user",
      entityId: record.userId,
      data: { recordId: record.id, method: input.method },
      at: now,
    });
    await notify(
      tx,
      [record.userId],
      {
        type: approved ? "registration_approved" : "registration_declined",
        dedupeKey: `registration-decided:${record.id}:${now.getTime()}`,
        data: approved ? {} : { reason: input.reason },
        link: "/register/status",
      },
      now,
    );
  });
  const person = await db.user.findUnique({ where: { id: record.userId }, select: { displayName: true } });
  return { name: person?.displayName ?? "" };
}

/** The signed-in person's own registrations that are not settled (waiting or declined), with the grids to choose from again. */
export async function myRegistrations(db: Db, actor: Actor) {
  const records = await db.residentRecord.findMany({
    where: { userId: actor.id, source: "self" },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      communityId: true,
      gridId: true,
      building: true,
      entrance: true,
      room: true,
      verification: true,
      declineReason: true,
      verifiedAt: true,
      createdAt: true,
    },
  });
  const communities = await db.community.findMany({
    where: { id: { in: records.map((r) => r.communityId) } },
    select: {
      id: true,
      nameZh: true,
      nameEn: true,
      grids: { select: { id: true, code: true, nameZh: true, nameEn: true }, orderBy: { code: "asc" } },
    },
  });
  const communityOf = new Map(communities.map((c) => [c.id, c]));
  return records.map((r) => ({ ...r, community: communityOf.get(r.communityId) ?? null }));
}

/**
 * A declined person corrects where they live (or which grid) and asks again; the grid's worker hears of it.
 * Name and phone stay as registered: they identify the account.
 */
export async function reapply(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: Pick<RegistrationDetails, "building" | "entrance" | "room"> & { recordId: string; gridId: string },
): Promise<void> {
  const record = await db.residentRecord.findUnique({
    where: { id: input.recordId },
    select: { id: true, userId: true, communityId: true, verification: true },
  });
  if (!record || record.userId !== actor.id) throw notFound();
  if (record.verification !== "declined") throw conflict("enrol:errors.not_declined");
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { displayName: true, phone: true } });
  const checked = checkRegistration({ name: user.displayName, phone: user.phone ?? "", ...input });
  if (!checked.ok && checked.field !== "phone" && checked.field !== "name") throw invalid(checked.reason, { field: checked.field });
  const address = checked.ok ? checked.value : { ...input, name: user.displayName };
  const grid = await db.grid.findFirst({
    where: { id: input.gridId, communityId: record.communityId },
    select: { id: true, communityId: true },
  });
  if (!grid) throw invalid("errors.field.invalid_choice", { field: "gridId" });
  const now = clock.now();
  await db.$transaction(async (tx: Tx) => {
    const changed = await tx.residentRecord.updateMany({
      where: { id: record.id, verification: "declined" },
      data: {
        verification: "pending",
        gridId: grid.id,
        building: address.building,
        entrance: address.entrance,
        room: address.room,
        householdKey: householdKey({ ...address, name: user.displayName }),
        declineReason: null,
        verifiedById: null,
        verifiedAt: null,
      },
    });
    if (changed.count === 0) throw conflict("enrol:errors.not_declined");
    await tx.membership.updateMany({
      where: { userId: actor.id, communityId: record.communityId, role: "resident" },
      data: { gridId: grid.id },
    });
    await audit(tx, {
      actorId: actor.id,
      communityId: record.communityId,
      action: "person.registration_reapplied",
      entityType: "user",
      entityId: actor.id,
      data: { recordId: record.id, gridId: grid.id },
      at: now,
    });
    await notifyCheckers(tx, grid, actor.id, now);
  });
}

/** Of these people, those whose registration in the community is not confirmed (they may not vote there). */
export async function unverifiedAmong(db: Db | Tx, communityId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db.residentRecord.findMany({
    where: { communityId, userId: { in: userIds }, verification: { not: "verified" } },
    select: { userId: true },
  });
  return new Set(rows.map((r) => r.userId));
}
