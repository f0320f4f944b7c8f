import type { Clock } from "../../infra/clock";
import type { Db, Tx } from "../../infra/db.server";
import { audit } from "../audit.server";
import { conflict, invalid, notFound } from "../errors";
import { communityStaffIds } from "../issues/recipients.server";
import { notify } from "../notifications/notify.server";
import type { Actor } from "../permissions";
import { requirePermission } from "../permissions";
import { buildingOnly } from "../wishes/rules";
import type { RegistrationKind } from "./rules";

type CommunityRef = { id: string; streetId: string };

export interface RegistrationInput {
  kind: RegistrationKind;
  unitId?: string;
  building: string;
  skills?: string;
}

/** Claiming a post or a wish needs a registration the community office has confirmed. */
export async function hasConfirmedRegistration(db: Db | Tx, userId: string, communityId: string): Promise<boolean> {
  const row = await db.volunteerRegistration.findUnique({
    where: { communityId_userId: { communityId, userId } },
    select: { status: true },
  });
  return row?.status === "confirmed";
}

/**
 * 双报到: a person registers in the community they live in, naming the unit they work for (a party member
 * reports to their residential community as well as to their unit's). A declined registration may be sent
 * again; a pending or confirmed one is not duplicated.
 */
export async function registerAsVolunteer(
  db: Db,
  clock: Clock,
  actor: Actor,
  community: CommunityRef,
  input: RegistrationInput,
): Promise<{ notified: string[] }> {
  requirePermission(actor, "register:volunteer", { communityId: community.id, streetId: community.streetId });
  const building = buildingOnly(input.building);
  if (!building) throw invalid("volunteering:errors.building_only");
  if (input.kind === "unit_employee" && !input.unitId) throw invalid("volunteering:errors.unit_required");
  if (input.unitId) {
    const unit = await db.unit.findFirst({ where: { id: input.unitId, streetId: community.streetId }, select: { id: true } });
    if (!unit) throw invalid("errors.field.invalid_choice");
  }
  const now = clock.now();
  return db.$transaction(async (tx) => {
    const existing = await tx.volunteerRegistration.findUnique({
      where: { communityId_userId: { communityId: community.id, userId: actor.id } },
      select: { id: true, status: true },
    });
    if (existing && existing.status !== "declined") throw conflict("volunteering:errors.already_registered");
    const data = {
      kind: input.kind,
      unitId: input.unitId ?? null,
      building,
      skills: input.skills ?? null,
      status: "pending",
      decidedById: null,
      decidedAt: null,
      declineReason: null,
      createdAt: now,
    };
    const row = existing
      ? await tx.volunteerRegistration.update({ where: { id: existing.id }, data, select: { id: true } })
      : await tx.volunteerRegistration.create({ data: { ...data, communityId: community.id, userId: actor.id }, select: { id: true } });
    await audit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "volunteer.register",
      entityType: "VolunteerRegistration",
      entityId: row.id,
      data: { kind: input.kind, unitId: input.unitId ?? null },
      at: now,
    });
    const notified = await notify(
      tx,
      (await communityStaffIds(tx, community.id)).filter((id) => id !== actor.id),
      {
        type: "volunteer_registered",
        dedupeKey: `volunteer_registered:${row.id}:${now.getTime()}`,
        data: {},
        link: "/volunteering#registrations",
      },
      now,
    );
    return { notified };
  });
}

/** Staff confirm (or decline, with a reason) a registration; the person hears either way. */
export async function decideRegistration(
  db: Db,
  clock: Clock,
  actor: Actor,
  registrationId: string,
  decision: { confirm: true } | { confirm: false; reason: string },
): Promise<{ notified: string[] }> {
  const registration = await db.volunteerRegistration.findUnique({
    where: { id: registrationId },
    select: { id: true, userId: true, communityId: true },
  });
  if (!registration) throw notFound("volunteering:errors.registration_not_found");
  const community = await db.community.findUniqueOrThrow({ where: { id: registration.communityId }, select: { id: true, streetId: true } });
  requirePermission(actor, "confirm:volunteer-registration", { communityId: community.id, streetId: community.streetId });
  const now = clock.now();
  return db.$transaction(async (tx) => {
    const { count } = await tx.volunteerRegistration.updateMany({
      where: { id: registrationId, status: "pending" },
      data: decision.confirm
        ? { status: "confirmed", decidedById: actor.id, decidedAt: now }
        : { status: "declined", decidedById: actor.id, decidedAt: now, declineReason: decision.reason },
    });
    if (count !== 1) throw conflict("volunteering:errors.registration_decided");
    await audit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: decision.confirm ? "volunteer.registration_confirm" : "volunteer.registration_decline",
      entityType: "VolunteerRegistration",
      entityId: registrationId,
      at: now,
    });
    const type = decision.confirm ? "volunteer_registration_confirmed" : "volunteer_registration_declined";
    const notified = await notify(
      tx,
      [registration.userId].filter((id) => id !== actor.id),
      {
        type,
        dedupeKey: `${type}:${registrationId}:${now.getTime()}`,
        data: decision.confirm ? {} : { reason: decision.reason },
        link: "/volunteering",
      },
      now,
    );
    return { notified };
  });
}
