import crypto from "node:crypto";
import type { Clock } from "../../infra/clock";
import type { Db, Tx } from "../../infra/db.server";
import { audit } from "../audit.server";
import { conflict, forbidden, invalid, notFound } from "../errors";
import { communityStaffIds } from "../issues/recipients.server";
import { isUniqueViolation, notify } from "../notifications/notify.server";
import type { Actor } from "../permissions";
import { can, requirePermission } from "../permissions";
import { hasConfirmedRegistration } from "./registrations.server";
import type { DutyMove, PostKind } from "./rules";
import {
  DUTY_MOVES,
  MAX_DUTY_MINUTES,
  isSignInOpen,
  SLOT_HOLDING,
  canMoveDuty,
  chinaYearOf,
  chinaYearRange,
  dutyMinutes,
  totalMinutes,
} from "./rules";

type CommunityRef = { id: string; slug: string; streetId: string; nameZh: string; nameEn: string };

export interface PostInput {
  kind: PostKind;
  titleZh: string;
  titleEn?: string;
  description?: string;
  place: string;
  startsAt: Date;
  endsAt: Date;
  slots: number;
}

const resourceOf = (community: { id: string; streetId: string }) => ({ communityId: community.id, streetId: community.streetId });

/** A code short enough to type from a poster if the camera fails, long enough not to be guessed. */
function newCheckInCode(): string {
  return crypto.randomBytes(6).toString("base64url").replace(/[-_]/g, "x").slice(0, 8).toUpperCase();
}

/** Staff publish a post (岗位) with its place, time and number of slots. */
export async function createPost(db: Db, clock: Clock, actor: Actor, community: CommunityRef, input: PostInput): Promise<{ id: string }> {
  requirePermission(actor, "manage:volunteer-posts", resourceOf(community));
  if (input.endsAt <= input.startsAt) throw invalid("volunteering:errors.ends_before_start");
  if (input.endsAt.getTime() - input.startsAt.getTime() > MAX_DUTY_MINUTES * 60_000) throw invalid("volunteering:errors.post_too_long");
  const now = clock.now();
  return db.$transaction(async (tx) => {
    const post = await tx.volunteerPost.create({
      data: {
        communityId: community.id,
        kind: input.kind,
        titleZh: input.titleZh,
        titleEn: input.titleEn ?? input.titleZh,
        description: input.description ?? null,
        place: input.place,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        slots: input.slots,
        checkInCode: newCheckInCode(),
        createdById: actor.id,
        createdAt: now,
      },
      select: { id: true },
    });
    await audit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "volunteer.post_create",
      entityType: "VolunteerPost",
      entityId: post.id,
      at: now,
    });
    return post;
  });
}

/**
 * A registered volunteer claims one slot of a post. The slot is taken by a conditional increment
 * (`taken < slots`), which the database applies one claim at a time: of two people claiming the last
 * slot at once, exactly one gets it. The unit the person registered with travels with the duty.
 */
export async function claimPost(db: Db, clock: Clock, actor: Actor, postId: string): Promise<{ dutyId: string }> {
  const post = await db.volunteerPost.findUnique({
    where: { id: postId },
    select: { id: true, communityId: true, slots: true, endsAt: true, status: true },
  });
  if (!post) throw notFound("volunteering:errors.post_not_found");
  const community = await db.community.findUniqueOrThrow({ where: { id: post.communityId }, select: { id: true, streetId: true } });
  requirePermission(actor, "claim:volunteer-post", resourceOf(community));
  const registration = await db.volunteerRegistration.findUnique({
    where: { communityId_userId: { communityId: community.id, userId: actor.id } },
    select: { status: true, unitId: true },
  });
  if (registration?.status !== "confirmed") throw forbidden("volunteering:errors.register_first");
  const now = clock.now();
  if (post.status !== "open" || post.endsAt <= now) throw conflict("volunteering:errors.post_closed");
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.volunteerDuty.findUnique({
        where: { postId_userId: { postId, userId: actor.id } },
        select: { id: true, status: true },
      });
      if (existing && SLOT_HOLDING.includes(existing.status as never)) throw conflict("volunteering:errors.already_claimed");
      const { count } = await tx.volunteerPost.updateMany({
        where: { id: postId, status: "open", taken: { lt: post.slots } },
        data: { taken: { increment: 1 } },
      });
      if (count !== 1) throw conflict("volunteering:errors.post_full");
      const fresh = {
        status: "claimed",
        unitId: registration.unitId,
        signedInAt: null,
        signedInById: null,
        signedOutAt: null,
        minutes: null,
        confirmedById: null,
        confirmedAt: null,
        createdAt: now,
      };
      const duty = existing
        ? await tx.volunteerDuty.update({ where: { id: existing.id }, data: fresh, select: { id: true } })
        : await tx.volunteerDuty.create({ data: { ...fresh, postId, communityId: community.id, userId: actor.id }, select: { id: true } });
      await audit(tx, {
        actorId: actor.id,
        communityId: community.id,
        action: "volunteer.claim",
        entityType: "VolunteerDuty",
        entityId: duty.id,
        data: { postId },
        at: now,
      });
      return { dutyId: duty.id };
    });
  } catch (error) {
    // The same person's second tab: the unique (post, person) index refused the duplicate, and the slot with it.
    if (isUniqueViolation(error)) throw conflict("volunteering:errors.already_claimed");
    throw error;
  }
}

async function loadDuty(db: Db | Tx, dutyId: string) {
  const duty = await db.volunteerDuty.findUnique({
    where: { id: dutyId },
    select: {
      id: true,
      postId: true,
      userId: true,
      status: true,
      signedInAt: true,
      signedOutAt: true,
      communityId: true,
    },
  });
  if (!duty) throw notFound("volunteering:errors.duty_not_found");
  const [post, community] = await Promise.all([
    db.volunteerPost.findUniqueOrThrow({
      where: { id: duty.postId },
      select: { id: true, titleZh: true, titleEn: true, checkInCode: true, startsAt: true, endsAt: true },
    }),
    db.community.findUniqueOrThrow({ where: { id: duty.communityId }, select: { id: true, streetId: true } }),
  ]);
  return { duty, post, community };
}

/** The check-and-set every duty move goes through: the update names the status it expects. */
async function moveDuty(tx: Tx, dutyId: string, move: DutyMove, data: Record<string, unknown>, refusedKey: string): Promise<void> {
  const { count } = await tx.volunteerDuty.updateMany({
    where: { id: dutyId, status: { in: [...DUTY_MOVES[move].from] } },
    data: { ...data, status: DUTY_MOVES[move].to },
  });
  if (count !== 1) throw conflict(refusedKey);
}

/** Whether the actor is the community office (staff act on anyone's duty; a volunteer only on their own). */
const isOffice = (actor: Actor, community: { id: string; streetId: string }) =>
  can(actor, "confirm:volunteer-hours", resourceOf(community));

/**
 * Signing in: the volunteer, with the code of the QR poster at the place (proof they are there), or staff
 * on their behalf. A second sign-in of the same duty is refused, not counted twice.
 */
export async function signInDuty(db: Db, clock: Clock, actor: Actor, dutyId: string, code: string | null): Promise<void> {
  const { duty, post, community } = await loadDuty(db, dutyId);
  const office = isOffice(actor, community);
  if (!office) {
    if (duty.userId !== actor.id) throw forbidden("volunteering:errors.not_your_duty");
    if (!code || code.toUpperCase() !== post.checkInCode) throw invalid("volunteering:errors.wrong_code");
    // Staff may record a sign-in at any time (a correction); a volunteer only while the duty is on.
    if (!isSignInOpen(post, clock.now())) throw conflict("volunteering:errors.sign_in_closed");
  }
  if (duty.status !== "claimed")
    throw conflict(duty.status === "signed_in" ? "volunteering:errors.already_signed_in" : "volunteering:errors.duty_changed");
  const now = clock.now();
  await db.$transaction(async (tx) => {
    await moveDuty(tx, dutyId, "sign_in", { signedInAt: now, signedInById: actor.id }, "volunteering:errors.already_signed_in");
    await audit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "volunteer.sign_in",
      entityType: "VolunteerDuty",
      entityId: dutyId,
      data: { byOffice: office && duty.userId !== actor.id },
      at: now,
    });
  });
}

/** Signing out proposes the time served; staff are told there are hours to confirm. */
export async function signOutDuty(db: Db, clock: Clock, actor: Actor, dutyId: string): Promise<{ notified: string[] }> {
  const { duty, post, community } = await loadDuty(db, dutyId);
  if (duty.userId !== actor.id && !isOffice(actor, community)) throw forbidden("volunteering:errors.not_your_duty");
  const now = clock.now();
  return db.$transaction(async (tx) => {
    await moveDuty(tx, dutyId, "sign_out", { signedOutAt: now }, "volunteering:errors.not_signed_in");
    await audit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "volunteer.sign_out",
      entityType: "VolunteerDuty",
      entityId: dutyId,
      at: now,
    });
    const notified = await notify(
      tx,
      (await communityStaffIds(tx, community.id)).filter((id) => id !== actor.id),
      {
        type: "volunteer_hours_to_confirm",
        dedupeKey: `volunteer_hours_to_confirm:${dutyId}`,
        data: { title: post.titleZh },
        link: `/volunteering/posts/${post.id}`,
      },
      now,
    );
    return { notified };
  });
}

/** The volunteer gives their slot back before signing in. */
export async function withdrawDuty(db: Db, clock: Clock, actor: Actor, dutyId: string): Promise<void> {
  const { duty, community } = await loadDuty(db, dutyId);
  if (duty.userId !== actor.id) throw forbidden("volunteering:errors.not_your_duty");
  const now = clock.now();
  await db.$transaction(async (tx) => {
    await moveDuty(tx, dutyId, "withdraw", {}, "volunteering:errors.duty_changed");
    await tx.volunteerPost.updateMany({ where: { id: duty.postId, taken: { gt: 0 } }, data: { taken: { decrement: 1 } } });
    await audit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "volunteer.withdraw",
      entityType: "VolunteerDuty",
      entityId: dutyId,
      at: now,
    });
  });
}

/**
 * Staff confirm the hours of a finished duty: the time from sign-in to sign-out (quarter hours), or the
 * minutes they enter when the record is wrong (a forgotten sign-out). Only the office confirms: a volunteer
 * cannot confirm their own hours, nor their unit's representative.
 */
export async function confirmDutyHours(
  db: Db,
  clock: Clock,
  actor: Actor,
  dutyId: string,
  input: { minutes?: number; reject?: boolean },
): Promise<{ notified: string[] }> {
  const { duty, post, community } = await loadDuty(db, dutyId);
  requirePermission(actor, "confirm:volunteer-hours", resourceOf(community), "volunteering:errors.only_office_confirms");
  if (duty.userId === actor.id) throw forbidden("volunteering:errors.not_own_hours");
  const now = clock.now();
  if (input.reject) {
    if (!canMoveDuty(duty.status, "reject")) throw conflict("volunteering:errors.duty_changed");
    return db.$transaction(async (tx) => {
      await moveDuty(tx, dutyId, "reject", { confirmedById: actor.id, confirmedAt: now, minutes: 0 }, "volunteering:errors.duty_changed");
      await tx.volunteerPost.updateMany({ where: { id: duty.postId, taken: { gt: 0 } }, data: { taken: { decrement: 1 } } });
      await audit(tx, {
        actorId: actor.id,
        communityId: community.id,
        action: "volunteer.hours_reject",
        entityType: "VolunteerDuty",
        entityId: dutyId,
        at: now,
      });
      return { notified: [] };
    });
  }
  if (!duty.signedInAt || !duty.signedOutAt) throw conflict("volunteering:errors.not_signed_out");
  const minutes = input.minutes ?? dutyMinutes(duty.signedInAt, duty.signedOutAt);
  if (minutes < 0 || minutes > MAX_DUTY_MINUTES) throw invalid("volunteering:errors.minutes_range", { max: MAX_DUTY_MINUTES });
  return db.$transaction(async (tx) => {
    await moveDuty(
      tx,
      dutyId,
      "confirm",
      { minutes, confirmedById: actor.id, confirmedAt: now },
      "volunteering:errors.hours_already_confirmed",
    );
    await audit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "volunteer.hours_confirm",
      entityType: "VolunteerDuty",
      entityId: dutyId,
      data: { minutes },
      at: now,
    });
    const notified = await notify(
      tx,
      [duty.userId],
      {
        type: "volunteer_hours_confirmed",
        dedupeKey: `volunteer_hours_confirmed:${dutyId}`,
        data: { title: post.titleZh, hours: Math.round((minutes / 60) * 10) / 10 },
        link: "/volunteering",
      },
      now,
    );
    return { notified };
  });
}

/** Confirmed duties served in a China calendar year (by the time they were served), for totals and certificates. */
async function confirmedDutiesIn(db: Db, where: { communityId?: string; userId?: string; unitId?: { in: string[] } }, year: number) {
  const { from, to } = chinaYearRange(year);
  return db.volunteerDuty.findMany({
    where: { ...where, status: "confirmed", signedInAt: { gte: from, lt: to } },
    select: { id: true, userId: true, unitId: true, postId: true, minutes: true, signedInAt: true, communityId: true },
    orderBy: { signedInAt: "asc" },
  });
}

/** The volunteering page of a community: posts, the person's registration and duties; the office's queues and totals. */
export async function volunteeringPage(db: Db, clock: Clock, actor: Actor, community: CommunityRef) {
  const resource = resourceOf(community);
  const now = clock.now();
  const year = chinaYearOf(now);
  const office = can(actor, "confirm:volunteer-hours", resource);
  const [registration, posts, myDuties, units, pendingRegistrations, toConfirm, yearDuties] = await Promise.all([
    db.volunteerRegistration.findUnique({
      where: { communityId_userId: { communityId: community.id, userId: actor.id } },
      select: { id: true, kind: true, unitId: true, building: true, status: true, declineReason: true },
    }),
    db.volunteerPost.findMany({
      where: { communityId: community.id, status: "open", endsAt: { gte: new Date(now.getTime() - 7 * 86_400_000) } },
      orderBy: { startsAt: "asc" },
      take: 60,
      select: { id: true, kind: true, titleZh: true, titleEn: true, place: true, startsAt: true, endsAt: true, slots: true, taken: true },
    }),
    db.volunteerDuty.findMany({
      where: { communityId: community.id, userId: actor.id, status: { not: "withdrawn" } },
      orderBy: { createdAt: "desc" },
      take: 30,
      select: { id: true, postId: true, status: true, minutes: true, signedInAt: true },
    }),
    db.unit.findMany({
      where: { streetId: community.streetId },
      orderBy: { nameZh: "asc" },
      select: { id: true, nameZh: true, nameEn: true },
    }),
    office
      ? db.volunteerRegistration.findMany({
          where: { communityId: community.id, status: "pending" },
          orderBy: { createdAt: "asc" },
          select: { id: true, kind: true, unitId: true, building: true, skills: true, userId: true, createdAt: true },
        })
      : Promise.resolve([]),
    office
      ? db.volunteerDuty.findMany({
          where: { communityId: community.id, status: "signed_out" },
          orderBy: { signedOutAt: "asc" },
          select: { id: true, userId: true, postId: true, signedInAt: true, signedOutAt: true },
        })
      : Promise.resolve([]),
    office
      ? confirmedDutiesIn(db, { communityId: community.id }, year)
      : confirmedDutiesIn(db, { communityId: community.id, userId: actor.id }, year),
  ]);
  const totals = totalMinutes(yearDuties.map((d) => ({ userId: d.userId, unitId: d.unitId, postId: d.postId, minutes: d.minutes ?? 0 })));
  const peopleIds = [
    ...new Set([...pendingRegistrations.map((r) => r.userId), ...toConfirm.map((d) => d.userId), ...totals.byPerson.keys()]),
  ];
  const postIds = [...new Set([...myDuties.map((d) => d.postId), ...toConfirm.map((d) => d.postId), ...totals.byPost.keys()])];
  const [people, dutyPosts] = await Promise.all([
    db.user.findMany({ where: { id: { in: peopleIds } }, select: { id: true, displayName: true } }),
    db.volunteerPost.findMany({ where: { id: { in: postIds } }, select: { id: true, titleZh: true, titleEn: true, startsAt: true } }),
  ]);
  const nameOf = new Map(people.map((p) => [p.id, p.displayName]));
  const postOf = new Map(dutyPosts.map((p) => [p.id, p]));
  const unitOf = new Map(units.map((u) => [u.id, u]));
  const myDutyByPost = new Map(myDuties.map((d) => [d.postId, d.status]));
  const ranked = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]);
  return {
    community,
    year,
    registration,
    units,
    posts: posts.map((post) => ({ ...post, myStatus: myDutyByPost.get(post.id) ?? null })),
    myDuties: myDuties.map((d) => ({ ...d, post: postOf.get(d.postId) ?? null })),
    myMinutes: totals.byPerson.get(actor.id) ?? 0,
    office,
    canManagePosts: can(actor, "manage:volunteer-posts", resource),
    pendingRegistrations: pendingRegistrations.map((r) => ({
      ...r,
      name: nameOf.get(r.userId) ?? "",
      unit: r.unitId ? (unitOf.get(r.unitId) ?? null) : null,
    })),
    toConfirm: toConfirm.map((d) => ({
      ...d,
      name: nameOf.get(d.userId) ?? "",
      post: postOf.get(d.postId) ?? null,
      proposedMinutes: d.signedInAt && d.signedOutAt ? dutyMinutes(d.signedInAt, d.signedOutAt) : 0,
    })),
    totals: office
      ? {
          total: totals.total,
          byPerson: ranked(totals.byPerson).map(([id, minutes]) => ({ id, name: nameOf.get(id) ?? "", minutes })),
          byUnit: ranked(totals.byUnit).map(([id, minutes]) => ({ id, unit: unitOf.get(id) ?? null, minutes })),
          byPost: ranked(totals.byPost).map(([id, minutes]) => ({ id, post: postOf.get(id) ?? null, minutes })),
        }
      : null,
  };
}

/** One post: its details and who is on duty (names for the office only); the QR code for staff to print. */
export async function postPage(db: Db, actor: Actor, postId: string) {
  const post = await db.volunteerPost.findUnique({
    where: { id: postId },
    select: {
      id: true,
      communityId: true,
      kind: true,
      titleZh: true,
      titleEn: true,
      description: true,
      place: true,
      startsAt: true,
      endsAt: true,
      slots: true,
      taken: true,
      status: true,
      checkInCode: true,
    },
  });
  if (!post) throw notFound("volunteering:errors.post_not_found");
  const community = await db.community.findUniqueOrThrow({
    where: { id: post.communityId },
    select: { id: true, slug: true, streetId: true, nameZh: true, nameEn: true },
  });
  const resource = resourceOf(community);
  if (!can(actor, "claim:volunteer-post", resource) && !can(actor, "manage:volunteer-posts", resource))
    throw notFound("volunteering:errors.post_not_found");
  const office = can(actor, "confirm:volunteer-hours", resource);
  const [duties, registered] = await Promise.all([
    db.volunteerDuty.findMany({
      where: { postId, status: { not: "withdrawn" }, ...(office ? {} : { userId: actor.id }) },
      orderBy: { createdAt: "asc" },
      select: { id: true, userId: true, status: true, signedInAt: true, signedOutAt: true, minutes: true },
    }),
    hasConfirmedRegistration(db, actor.id, community.id),
  ]);
  const people = await db.user.findMany({ where: { id: { in: duties.map((d) => d.userId) } }, select: { id: true, displayName: true } });
  const nameOf = new Map(people.map((p) => [p.id, p.displayName]));
  const { checkInCode, ...visible } = post;
  return {
    community,
    post: visible,
    // Only the office sees the code: it is printed on the poster at the place, not handed out in advance.
    checkInCode: office ? checkInCode : null,
    office,
    registered,
    myDuty: duties.find((d) => d.userId === actor.id) ?? null,
    duties: office
      ? duties.map((d) => ({
          ...d,
          name: nameOf.get(d.userId) ?? "",
          proposedMinutes: d.signedInAt && d.signedOutAt ? dutyMinutes(d.signedInAt, d.signedOutAt) : null,
        }))
      : [],
  };
}

/** A person's yearly certificate: every confirmed duty served that year (China time), in every community. */
export async function certificate(db: Db, actor: Actor & { displayName: string }, year: number) {
  const duties = await confirmedDutiesIn(db, { userId: actor.id }, year);
  const [posts, communities, registrations] = await Promise.all([
    db.volunteerPost.findMany({
      where: { id: { in: [...new Set(duties.map((d) => d.postId))] } },
      select: { id: true, kind: true, titleZh: true, titleEn: true, place: true },
    }),
    db.community.findMany({
      where: { id: { in: [...new Set(duties.map((d) => d.communityId))] } },
      select: { id: true, nameZh: true, nameEn: true, street: { select: { nameZh: true, nameEn: true } } },
    }),
    db.volunteerRegistration.findMany({ where: { userId: actor.id, status: "confirmed" }, select: { unitId: true } }),
  ]);
  const unitIds = registrations.map((r) => r.unitId).filter((id): id is string => !!id);
  const units = unitIds.length ? await db.unit.findMany({ where: { id: { in: unitIds } }, select: { nameZh: true, nameEn: true } }) : [];
  const postOf = new Map(posts.map((p) => [p.id, p]));
  const totals = totalMinutes(duties.map((d) => ({ userId: d.userId, unitId: d.unitId, postId: d.postId, minutes: d.minutes ?? 0 })));
  return {
    year,
    name: actor.displayName,
    units,
    communities,
    totalMinutes: totals.total,
    duties: duties.map((d) => ({ id: d.id, servedAt: d.signedInAt!, minutes: d.minutes ?? 0, post: postOf.get(d.postId)! })),
  };
}

/** Confirmed volunteer minutes of a unit's people, and wishes the unit fulfilled, for its scorecard. */
export async function unitVolunteeringRecord(db: Db, unitId: string): Promise<{ volunteerMinutes: number; wishesFulfilled: number }> {
  const [minutes, wishes] = await Promise.all([
    db.volunteerDuty.aggregate({ where: { unitId, status: "confirmed" }, _sum: { minutes: true } }),
    db.wish.count({ where: { claimedUnitId: unitId, status: { in: ["fulfilled", "confirmed"] } } }),
  ]);
  return { volunteerMinutes: minutes._sum.minutes ?? 0, wishesFulfilled: wishes };
}
