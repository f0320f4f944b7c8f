import type { Clock } from "../../infra/clock";
import type { Db } from "../../infra/db.server";
import { audit } from "../audit.server";
import type { CommunitySummary } from "../communities/community-list.server";
import { conflict, invalid, notFound } from "../errors";
import type { Actor } from "../permissions";
import { can, requirePermission } from "../permissions";
import type { SectorGroup, UnitKind } from "../roles";

export interface UnitFields {
  nameZh: string;
  nameEn?: string;
  kind: UnitKind;
  sectorGroup: SectorGroup;
  areaId?: string;
  contactName?: string;
  contactPhone?: string;
}

/**
 * Who may change a unit: staff of the community it belongs to, the street's admin for every unit of the
 * street (street-wide units, such as a district department, only the street's admin).
 */
function requireUnitManager(actor: Actor, unit: { streetId: string; communityId: string | null }) {
  requirePermission(
    actor,
    "manage:units",
    { communityId: unit.communityId ?? "", streetId: unit.streetId },
    "enrol:errors.not_unit_manager",
  );
}

/** The units staff of this community manage (the street admin: all of the street), archived ones last, and the areas. */
export async function unitsToManage(db: Db, actor: Actor, community: CommunitySummary, options: { archived?: boolean } = {}) {
  requirePermission(actor, "manage:units", { communityId: community.id, streetId: community.streetId }, "enrol:errors.not_unit_manager");
  const streetWide = can(actor, "manage:units", { communityId: "", streetId: community.streetId });
  const [units, areas] = await Promise.all([
    db.unit.findMany({
      where: {
        streetId: community.streetId,
        ...(streetWide ? {} : { communityId: community.id }),
        ...(options.archived ? {} : { archivedAt: null }),
      },
      orderBy: [{ sectorGroup: "asc" }, { createdAt: "asc" }],
      select: {
        id: true,
        nameZh: true,
        nameEn: true,
        kind: true,
        sectorGroup: true,
        archivedAt: true,
        area: { select: { nameZh: true, nameEn: true } },
        _count: { select: { members: true } },
      },
    }),
    db.area.findMany({
      where: { streetId: community.streetId },
      select: { id: true, nameZh: true, nameEn: true },
      orderBy: { nameZh: "asc" },
    }),
  ]);
  return { units, areas };
}

async function checkArea(db: Db, streetId: string, areaId: string | undefined) {
  if (!areaId) return null;
  const area = await db.area.findFirst({ where: { id: areaId, streetId }, select: { id: true } });
  if (!area) throw invalid("errors.field.invalid_choice", { field: "areaId" });
  return area.id;
}

/** A new participating unit of the community (共建单位). */
export async function createUnit(
  db: Db,
  clock: Clock,
  actor: Actor,
  community: CommunitySummary,
  fields: UnitFields,
): Promise<{ id: string }> {
  requirePermission(actor, "manage:units", { communityId: community.id, streetId: community.streetId }, "enrol:errors.not_unit_manager");
  const areaId = await checkArea(db, community.streetId, fields.areaId);
  const now = clock.now();
  return db.$transaction(async (tx) => {
    const unit = await tx.unit.create({
      data: {
        streetId: community.streetId,
        communityId: community.id,
        areaId,
        nameZh: fields.nameZh,
        nameEn: fields.nameEn || fields.nameZh,
        kind: fields.kind,
        sectorGroup: fields.sectorGroup,
        contactName: fields.contactName || null,
        contactPhone: fields.contactPhone || null,
        createdAt: now,
      },
    });
    await audit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "unit.created",
      entityType: "Unit",
      entityId: unit.id,
      data: { nameZh: unit.nameZh },
      at: now,
    });
    return { id: unit.id };
  });
}

/** A unit as its manager edits it: fields, representatives, and the community's people who could become one. */
export async function unitToEdit(db: Db, actor: Actor, unitId: string) {
  const unit = await db.unit.findUnique({
    where: { id: unitId },
    select: {
      id: true,
      streetId: true,
      communityId: true,
      areaId: true,
      nameZh: true,
      nameEn: true,
      kind: true,
      sectorGroup: true,
      contactName: true,
      contactPhone: true,
      archivedAt: true,
    },
  });
  if (!unit) throw notFound();
  requireUnitManager(actor, unit);
  const [reps, areas, people] = await Promise.all([
    db.membership.findMany({
      where: { unitId: unit.id, role: "unit_rep" },
      select: { id: true, user: { select: { id: true, displayName: true } }, community: { select: { nameZh: true, nameEn: true } } },
      orderBy: { createdAt: "asc" },
    }),
    db.area.findMany({ where: { streetId: unit.streetId }, select: { id: true, nameZh: true, nameEn: true }, orderBy: { nameZh: "asc" } }),
    unit.communityId
      ? db.membership.findMany({
          where: { communityId: unit.communityId, user: { disabledAt: null } },
          select: { userId: true, role: true, user: { select: { displayName: true } } },
          orderBy: { createdAt: "asc" },
          take: 2000,
        })
      : Promise.resolve([]),
  ]);
  const repIds = new Set(reps.map((r) => r.user.id));
  const candidates = new Map<string, { id: string; name: string }>();
  for (const p of people)
    if (!repIds.has(p.userId) && !candidates.has(p.userId)) candidates.set(p.userId, { id: p.userId, name: p.user.displayName });
  return {
    unit,
    reps: reps.map((r) => ({ membershipId: r.id, userId: r.user.id, name: r.user.displayName, community: r.community })),
    areas,
    candidates: [...candidates.values()],
  };
}

async function loadManagedUnit(db: Db, actor: Actor, unitId: string) {
  const unit = await db.unit.findUnique({
    where: { id: unitId },
    select: { id: true, streetId: true, communityId: true, archivedAt: true },
  });
  if (!unit) throw notFound();
  requireUnitManager(actor, unit);
  return unit;
}

export async function updateUnit(db: Db, clock: Clock, actor: Actor, unitId: string, fields: UnitFields): Promise<void> {
  const unit = await loadManagedUnit(db, actor, unitId);
  const areaId = await checkArea(db, unit.streetId, fields.areaId);
  const now = clock.now();
  await db.$transaction(async (tx) => {
    await tx.unit.update({
      where: { id: unit.id },
      data: {
        nameZh: fields.nameZh,
        nameEn: fields.nameEn || fields.nameZh,
        kind: fields.kind,
        sectorGroup: fields.sectorGroup,
        areaId,
        contactName: fields.contactName || null,
        contactPhone: fields.contactPhone || null,
      },
    });
    await audit(tx, {
      actorId: actor.id,
      communityId: unit.communityId,
      action: "unit.updated",
      entityType: "Unit",
      entityId: unit.id,
      at: now,
    });
  });
}

/** Archiving hides a unit from the directory and from new work; everything it did stays on record. */
export async function setUnitArchived(db: Db, clock: Clock, actor: Actor, unitId: string, archived: boolean): Promise<void> {
  const unit = await loadManagedUnit(db, actor, unitId);
  const now = clock.now();
  await db.$transaction(async (tx) => {
    await tx.unit.update({ where: { id: unit.id }, data: { archivedAt: archived ? now : null } });
    await audit(tx, {
      actorId: actor.id,
      communityId: unit.communityId,
      action: archived ? "unit.archived" : "unit.restored",
      entityType: "Unit",
      entityId: unit.id,
      at: now,
    });
  });
}

/** Makes a person of the unit's community one of its representatives (共建单位代表). */
export async function addRepresentative(db: Db, clock: Clock, actor: Actor, unitId: string, userId: string): Promise<void> {
  const unit = await loadManagedUnit(db, actor, unitId);
  if (!unit.communityId) throw invalid("enrol:errors.unit_has_no_community");
  if (unit.archivedAt) throw conflict("enrol:errors.unit_archived");
  const member = await db.membership.findFirst({ where: { userId, communityId: unit.communityId }, select: { id: true } });
  if (!member) throw invalid("errors.field.invalid_choice", { field: "userId" });
  const existing = await db.membership.findFirst({
    where: { userId, communityId: unit.communityId, role: "unit_rep" },
    select: { id: true, unitId: true },
  });
  if (existing?.unitId === unit.id) throw conflict("enrol:errors.already_representative");
  const now = clock.now();
  await db.$transaction(async (tx) => {
    // One unit per person and community (the membership is unique per role): moving them is explicit here.
    if (existing) await tx.membership.update({ where: { id: existing.id }, data: { unitId: unit.id } });
    else
      await tx.membership.create({ data: { userId, communityId: unit.communityId!, role: "unit_rep", unitId: unit.id, createdAt: now } });
    await audit(tx, {
      actorId: actor.id,
      communityId: unit.communityId,
      action: "unit.representative_added",
      entityType: "Unit",
      entityId: unit.id,
      data: { userId },
      at: now,
    });
  });
}

export async function removeRepresentative(db: Db, clock: Clock, actor: Actor, unitId: string, membershipId: string): Promise<void> {
  const unit = await loadManagedUnit(db, actor, unitId);
  const membership = await db.membership.findFirst({
    where: { id: membershipId, unitId: unit.id, role: "unit_rep" },
    select: { id: true, userId: true },
  });
  if (!membership) throw notFound();
  const now = clock.now();
  await db.$transaction(async (tx) => {
    await tx.membership.delete({ where: { id: membership.id } });
    await audit(tx, {
      actorId: actor.id,
      communityId: unit.communityId,
      action: "unit.representative_removed",
      entityType: "Unit",
      entityId: unit.id,
      data: { userId: membership.userId },
      at: now,
    });
  });
}
