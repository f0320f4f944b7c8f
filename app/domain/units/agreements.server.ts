import type { Clock } from "../../infra/clock";
import type { Db } from "../../infra/db.server";
import type { AgreementInput, AgreementLink, AgreementUpdate } from "../../schemas/agreements";
import { audit } from "../audit.server";
import { conflict, forbidden, notFound } from "../errors";
import { notify } from "../notifications/notify.server";
import type { Actor } from "../permissions";
import { can, requirePermission } from "../permissions";
import { agreementDate, agreementStatus, dueForReminder, ENDING_SOON_DAYS } from "./agreements";
import { unitResources } from "./lists";
import { chinaDateString } from "../../infra/time";

/** How many agreements one unit may have on record (a guard against runaway forms, not a policy). */
export const MAX_AGREEMENTS_PER_UNIT = 50;

async function unitOf(db: Db, unitId: string) {
  const unit = await db.unit.findUnique({ where: { id: unitId }, select: { id: true, streetId: true, communityId: true } });
  if (!unit) throw notFound("units:errors.unit_not_found");
  return unit;
}

/**
 * The community an agreement with this unit is signed in for this person: the unit's own community, one
 * where the unit has representatives, or (for a unit of the whole street) any community of its street, in
 * which the person is staff (or street admin). Null when none.
 */
function agreementCommunityFor(actor: Actor | null, unit: { id: string; streetId: string; communityId: string | null }) {
  const places = unitResources(actor, unit);
  // A unit of the whole street (a school, a district bureau) may sign with any community of its street.
  if (!unit.communityId)
    for (const m of actor?.memberships ?? [])
      if (m.streetId === unit.streetId) places.push({ communityId: m.communityId, streetId: unit.streetId, unitId: unit.id });
  const allowed = places.find((resource) => resource.communityId && can(actor, "manage:units", resource));
  return allowed?.communityId ?? null;
}

/** Staff (or the street admin) may record agreements with this unit and link their commitments. */
export function canManageAgreements(actor: Actor | null, unit: { id: string; streetId: string; communityId: string | null }) {
  return agreementCommunityFor(actor, unit) !== null;
}

function requireManage(actor: Actor | null, unit: { id: string; streetId: string; communityId: string | null }): string {
  if (!actor) requirePermission(actor, "manage:units", { communityId: unit.communityId ?? "", streetId: unit.streetId });
  const communityId = agreementCommunityFor(actor, unit);
  if (!communityId) throw forbidden("units:agreements.errors.not_staff");
  return communityId;
}

export async function recordAgreement(db: Db, clock: Clock, actor: Actor | null, unitId: string, input: AgreementInput) {
  const unit = await unitOf(db, unitId);
  const communityId = requireManage(actor, unit);
  const count = await db.unitAgreement.count({ where: { unitId: unit.id } });
  if (count >= MAX_AGREEMENTS_PER_UNIT) throw conflict("units:agreements.errors.too_many", { max: MAX_AGREEMENTS_PER_UNIT });
  const at = clock.now();
  return db.$transaction(async (tx) => {
    const agreement = await tx.unitAgreement.create({
      data: {
        communityId,
        unitId: unit.id,
        title: input.title,
        startsOn: agreementDate(input.startsOn),
        endsOn: agreementDate(input.endsOn),
        communitySignatory: input.communitySignatory,
        communityRole: input.communityRole,
        unitSignatory: input.unitSignatory,
        unitRole: input.unitRole,
        createdById: actor!.id,
        createdAt: at,
        commitments: { create: input.commitments.map((text, position) => ({ text, position })) },
      },
    });
    await audit(tx, {
      actorId: actor!.id,
      communityId,
      action: "agreement.create",
      entityType: "UnitAgreement",
      entityId: agreement.id,
      data: { title: input.title, unitId: unit.id },
      at,
    });
    return agreement;
  });
}

/**
 * Corrects an agreement's title, term or signatories. A new last day (a renewal) clears the reminder, so the
 * new term is reminded of in its turn.
 */
export async function updateAgreement(db: Db, clock: Clock, actor: Actor | null, unitId: string, command: AgreementUpdate) {
  const unit = await unitOf(db, unitId);
  requireManage(actor, unit);
  const agreement = await db.unitAgreement.findUnique({
    where: { id: command.agreementId },
    select: { id: true, unitId: true, communityId: true, endsOn: true },
  });
  if (!agreement || agreement.unitId !== unit.id) throw notFound("units:agreements.errors.agreement_not_found");
  if (!can(actor, "manage:units", { communityId: agreement.communityId, streetId: unit.streetId }))
    throw forbidden("units:agreements.errors.not_staff");
  const endsOn = agreementDate(command.endsOn);
  const at = clock.now();
  await db.$transaction(async (tx) => {
    await tx.unitAgreement.update({
      where: { id: agreement.id },
      data: {
        title: command.title,
        startsOn: agreementDate(command.startsOn),
        endsOn,
        communitySignatory: command.communitySignatory,
        communityRole: command.communityRole,
        unitSignatory: command.unitSignatory,
        unitRole: command.unitRole,
        ...(endsOn.getTime() !== agreement.endsOn.getTime() ? { remindedAt: null } : {}),
      },
    });
    await audit(tx, {
      actorId: actor!.id,
      communityId: agreement.communityId,
      action: "agreement.update",
      entityType: "UnitAgreement",
      entityId: agreement.id,
      data: { title: command.title, startsOn: command.startsOn, endsOn: command.endsOn },
      at,
    });
  });
}

/** Links a commitment to a joint project the same unit takes part in (or unlinks it). */
export async function linkCommitment(db: Db, clock: Clock, actor: Actor | null, unitId: string, command: AgreementLink) {
  const unit = await unitOf(db, unitId);
  requireManage(actor, unit);
  const commitment = await db.agreementCommitment.findUnique({
    where: { id: command.commitmentId },
    select: { id: true, agreement: { select: { id: true, unitId: true, communityId: true } } },
  });
  if (!commitment || commitment.agreement.unitId !== unit.id) throw notFound("units:agreements.errors.commitment_not_found");
  // Staff of another community where the unit also serves do not touch this community's agreement.
  if (!can(actor, "manage:units", { communityId: commitment.agreement.communityId, streetId: unit.streetId }))
    throw forbidden("units:agreements.errors.not_staff");
  if (command.projectId) {
    const link = await db.jointProjectUnit.findUnique({
      where: { projectId_unitId: { projectId: command.projectId, unitId: unit.id } },
      select: { projectId: true },
    });
    if (!link) throw conflict("units:agreements.errors.project_not_of_unit");
  }
  const at = clock.now();
  await db.$transaction(async (tx) => {
    await tx.agreementCommitment.update({ where: { id: commitment.id }, data: { jointProjectId: command.projectId ?? null } });
    await tx.unitAgreement.update({ where: { id: commitment.agreement.id }, data: { updatedAt: at } });
    await audit(tx, {
      actorId: actor!.id,
      communityId: commitment.agreement.communityId,
      action: command.projectId ? "agreement.link" : "agreement.unlink",
      entityType: "UnitAgreement",
      entityId: commitment.agreement.id,
      data: { commitmentId: commitment.id, projectId: command.projectId ?? null },
      at,
    });
  });
}

/**
 * A unit's agreements as a reader sees them: title, term, status and commitments (with the projects they
 * became) for everyone; signatories only for staff and the unit's own representatives.
 */
export async function agreementsOfUnit(
  db: Db,
  clock: Clock,
  viewer: Actor | null,
  unit: { id: string; streetId: string; communityId: string | null },
) {
  const manage = canManageAgreements(viewer, unit);
  const seesSignatories = manage || (viewer?.memberships ?? []).some((m) => m.role === "unit_rep" && m.unitId === unit.id);
  const rows = await db.unitAgreement.findMany({
    where: { unitId: unit.id },
    orderBy: [{ endsOn: "desc" }, { createdAt: "desc" }],
    select: {
      id: true,
      title: true,
      startsOn: true,
      endsOn: true,
      communitySignatory: true,
      communityRole: true,
      unitSignatory: true,
      unitRole: true,
      commitments: { orderBy: { position: "asc" }, select: { id: true, text: true, jointProjectId: true } },
    },
  });
  const projectIds = [...new Set(rows.flatMap((row) => row.commitments.map((c) => c.jointProjectId)).filter((id): id is string => !!id))];
  const projects = projectIds.length
    ? await db.jointProject.findMany({ where: { id: { in: projectIds } }, select: { id: true, titleZh: true, titleEn: true } })
    : [];
  const byId = new Map(projects.map((project) => [project.id, project]));
  const now = clock.now();
  return {
    canManage: manage,
    agreements: rows.map((row) => ({
      id: row.id,
      title: row.title,
      startsOn: chinaDateString(row.startsOn),
      endsOn: chinaDateString(row.endsOn),
      status: agreementStatus(row.endsOn, now),
      signatories: seesSignatories
        ? {
            community: { name: row.communitySignatory, role: row.communityRole },
            unit: { name: row.unitSignatory, role: row.unitRole },
          }
        : null,
      commitments: row.commitments.map((c) => ({
        id: c.id,
        text: c.text,
        project: c.jointProjectId ? (byId.get(c.jointProjectId) ?? null) : null,
      })),
    })),
  };
}

/** The joint projects a commitment of this unit may be linked to. */
export async function linkableProjects(db: Db, unitId: string) {
  const links = await db.jointProjectUnit.findMany({
    where: { unitId },
    select: { project: { select: { id: true, titleZh: true, titleEn: true } } },
    orderBy: { project: { createdAt: "desc" } },
  });
  return links.map((link) => link.project);
}

/**
 * The background job: an agreement whose last day is within 30 days reminds the community's staff and the
 * unit's representatives, once (remindedAt is claimed first, so two processes never remind twice).
 */
export async function runAgreementReminderSweep(db: Db, clock: Clock): Promise<{ notified: string[] }> {
  const now = clock.now();
  const horizon = new Date(now.getTime() + (ENDING_SOON_DAYS + 1) * 24 * 60 * 60 * 1000);
  const candidates = await db.unitAgreement.findMany({
    where: { remindedAt: null, endsOn: { lte: horizon } },
    select: { id: true, communityId: true, unitId: true, title: true, endsOn: true, remindedAt: true },
  });
  const notified = new Set<string>();
  for (const agreement of candidates) {
    if (!dueForReminder(agreement, now)) continue;
    const unit = await db.unit.findUnique({ where: { id: agreement.unitId }, select: { nameZh: true } });
    const ids = await db.$transaction(async (tx) => {
      const claimed = await tx.unitAgreement.updateMany({ where: { id: agreement.id, remindedAt: null }, data: { remindedAt: now } });
      if (claimed.count === 0) return [];
      const people = await tx.membership.findMany({
        where: {
          user: { disabledAt: null },
          OR: [
            { communityId: agreement.communityId, role: "community_staff" },
            { unitId: agreement.unitId, role: "unit_rep" },
          ],
        },
        select: { userId: true },
      });
      return notify(
        tx,
        people.map((p) => p.userId),
        {
          type: "agreement_ending",
          dedupeKey: `agreement_ending:${agreement.id}`,
          data: { title: agreement.title, unit: unit?.nameZh ?? "", endsOn: chinaDateString(agreement.endsOn) },
          link: `/units/${agreement.unitId}/agreements`,
        },
        now,
      );
    });
    for (const id of ids) notified.add(id);
  }
  return { notified: [...notified] };
}

/** The agreements page of a unit: the list, and for staff the form and the projects to link to. */
export async function agreementsPage(db: Db, clock: Clock, viewer: Actor | null, unitId: string) {
  const unit = await db.unit.findUnique({
    where: { id: unitId },
    select: { id: true, streetId: true, communityId: true, nameZh: true, nameEn: true },
  });
  if (!unit) throw notFound("units:errors.unit_not_found");
  const { agreements, canManage } = await agreementsOfUnit(db, clock, viewer, unit);
  return {
    unit: { id: unit.id, nameZh: unit.nameZh, nameEn: unit.nameEn },
    agreements,
    canManage,
    projects: canManage ? await linkableProjects(db, unit.id) : [],
  };
}
