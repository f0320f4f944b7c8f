import type { Clock } from "../../infra/clock";
import type { Db, Tx } from "../../infra/db.server";
import type { JointSeriesInput, SeatInput } from "../../schemas/joint-meetings";
import { audit } from "../audit.server";
import { invalid, notFound } from "../errors";
import { joinPath } from "../meetings/access.server";
import { newMeetingCode } from "../meetings/planning.server";
import { isUniqueViolation, notify } from "../notifications/notify.server";
import type { Actor } from "../permissions";
import { can, requirePermission } from "../permissions";
import type { SeriesDayRule, SeriesFrequency, SeriesRule } from "./recurrence";
import { occurrencesToCreate } from "./recurrence";

/**
 * Joint meetings (联席会议) by the 三定 rule: a series keeps its next occurrences scheduled as ordinary
 * meetings of form "joint" — agenda, voting, minutes and the live screens are the council's own. What is
 * particular lives here: the roll is one seat per unit (a delegate who holds the unit's vote and a
 * substitute who may cast that same vote), occurrences are created ahead, units are invited, and agenda
 * items left without a decision move on to the next occurrence.
 */

export const JOINT_FORM = "joint";

type SeriesRow = {
  id: string;
  communityId: string;
  title: string;
  theme: string;
  place: string;
  frequency: string;
  monthInPeriod: number;
  dayRule: string;
  ordinal: number | null;
  weekday: number | null;
  dayOfMonth: number | null;
  time: string;
  ahead: number;
  hostId: string;
  quorumRule: string;
};

export function ruleOf(series: SeriesRow): SeriesRule {
  return {
    frequency: series.frequency as SeriesFrequency,
    monthInPeriod: series.monthInPeriod,
    dayRule: series.dayRule as SeriesDayRule,
    ordinal: series.ordinal,
    weekday: series.weekday,
    dayOfMonth: series.dayOfMonth,
    time: series.time,
  };
}

async function communityOf(db: Db | Tx, communityId: string) {
  const community = await db.community.findUnique({ where: { id: communityId }, select: { id: true, streetId: true } });
  if (!community) throw notFound("units:jointMeetings.errors.notFound");
  return community;
}

/**
 * Seats as typed, checked: each delegate and substitute speaks for that unit in this community, nobody sits
 * twice (one person, one seat), and a unit without a delegate is simply not invited.
 */
async function checkedSeats(db: Db | Tx, communityId: string, seats: SeatInput[]) {
  const invited = seats.filter((seat) => seat.delegateId);
  const units = new Set<string>();
  const people = new Set<string>();
  for (const seat of seats) {
    if (!seat.delegateId && seat.substituteId) throw invalid("units:jointMeetings.errors.substituteWithoutDelegate");
  }
  for (const seat of invited) {
    if (units.has(seat.unitId)) throw invalid("units:jointMeetings.errors.unitTwice");
    units.add(seat.unitId);
    for (const person of [seat.delegateId, seat.substituteId]) {
      if (!person) continue;
      if (people.has(person)) throw invalid("units:jointMeetings.errors.personTwice");
      people.add(person);
    }
  }
  if (invited.length === 0) return [];
  const reps = await db.membership.findMany({
    where: { communityId, role: "unit_rep", unitId: { in: [...units] }, userId: { in: [...people] }, user: { disabledAt: null } },
    select: { userId: true, unitId: true, unit: { select: { archivedAt: true } } },
  });
  const speaksFor = new Set(reps.filter((r) => !r.unit?.archivedAt).map((r) => `${r.unitId}:${r.userId}`));
  for (const seat of invited) {
    for (const person of [seat.delegateId, seat.substituteId]) {
      if (person && !speaksFor.has(`${seat.unitId}:${person}`)) throw invalid("units:jointMeetings.errors.notUnitRep");
    }
  }
  return invited.map((seat) => ({ unitId: seat.unitId, delegateId: seat.delegateId as string, substituteId: seat.substituteId }));
}

async function checkHost(db: Db | Tx, communityId: string, hostId: string) {
  const host = await db.membership.findFirst({
    where: { userId: hostId, communityId, role: { in: ["meeting_host", "community_staff"] } },
    select: { userId: true },
  });
  if (!host) throw invalid("meetings:errors.hostNotEligible");
}

function seriesData(input: JointSeriesInput) {
  return {
    title: input.title,
    theme: input.theme,
    place: input.place,
    frequency: input.frequency,
    monthInPeriod: input.monthInPeriod,
    dayRule: input.dayRule,
    ordinal: input.dayRule === "nth_weekday" ? input.ordinal : null,
    weekday: input.dayRule === "nth_weekday" ? input.weekday : null,
    dayOfMonth: input.dayRule === "day_of_month" ? input.dayOfMonth : null,
    time: input.time,
    ahead: input.ahead,
    hostId: input.hostId,
    quorumRule: input.quorumRule,
  };
}

export async function createSeries(
  db: Db,
  clock: Clock,
  actor: Actor,
  communityId: string,
  input: JointSeriesInput,
): Promise<{ id: string; notified: string[] }> {
  const community = await communityOf(db, communityId);
  requirePermission(actor, "manage:meeting", { communityId, streetId: community.streetId }, "units:jointMeetings.errors.forbidden");
  await checkHost(db, communityId, input.hostId);
  const seats = await checkedSeats(db, communityId, input.seats);
  if (seats.length === 0) throw invalid("units:jointMeetings.errors.noSeats");
  const now = clock.now();
  const series = await db.$transaction(async (tx) => {
    const created = await tx.jointMeetingSeries.create({
      data: { communityId, ...seriesData(input), createdById: actor.id, createdAt: now, seats: { create: seats } },
    });
    await audit(tx, {
      actorId: actor.id,
      communityId,
      action: "joint_series.create",
      entityType: "JointMeetingSeries",
      entityId: created.id,
      data: { title: created.title },
      at: now,
    });
    return created;
  });
  const { notified } = await scheduleOccurrences(db, clock, series.id);
  return { id: series.id, notified };
}

/**
 * Changes the rule, place, host or seats. Occurrences not yet created follow the new rule; those already
 * scheduled keep their date (people have been invited for it) but take the new place, title and host, and
 * their roll gains the units added (a unit removed keeps its seat where it was invited).
 */
export async function updateSeries(
  db: Db,
  clock: Clock,
  actor: Actor,
  seriesId: string,
  input: JointSeriesInput,
): Promise<{ notified: string[] }> {
  const existing = await db.jointMeetingSeries.findUnique({ where: { id: seriesId }, select: { id: true, communityId: true } });
  if (!existing) throw notFound("units:jointMeetings.errors.notFound");
  const community = await communityOf(db, existing.communityId);
  requirePermission(
    actor,
    "manage:meeting",
    { communityId: community.id, streetId: community.streetId },
    "units:jointMeetings.errors.forbidden",
  );
  await checkHost(db, community.id, input.hostId);
  const seats = await checkedSeats(db, community.id, input.seats);
  if (seats.length === 0) throw invalid("units:jointMeetings.errors.noSeats");
  const now = clock.now();
  const notified = await db.$transaction(async (tx) => {
    await tx.jointMeetingSeries.update({ where: { id: seriesId }, data: seriesData(input) });
    await tx.jointMeetingSeat.deleteMany({ where: { seriesId } });
    await tx.jointMeetingSeat.createMany({ data: seats.map((seat) => ({ seriesId, ...seat })) });
    const planned = await tx.meeting.findMany({
      where: { seriesId, status: "planned", startsAt: { gt: now } },
      select: { id: true, code: true, startsAt: true, participants: { select: { unitId: true } } },
    });
    const invited: string[] = [];
    for (const meeting of planned) {
      await tx.meeting.update({ where: { id: meeting.id }, data: { title: input.title, place: input.place, hostId: input.hostId } });
      const seated = new Set(meeting.participants.map((p) => p.unitId));
      const added = await seatUnits(
        tx,
        meeting.id,
        seats.filter((seat) => !seated.has(seat.unitId)),
      );
      invited.push(...(await notifyInvitation(tx, { ...meeting, title: input.title, place: input.place }, [input.hostId, ...added], now)));
    }
    await audit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "joint_series.update",
      entityType: "JointMeetingSeries",
      entityId: seriesId,
      data: { title: input.title },
      at: now,
    });
    return invited;
  });
  const scheduled = await scheduleOccurrences(db, clock, seriesId);
  return { notified: [...new Set([...notified, ...scheduled.notified])] };
}

/** Puts each unit's delegate (who holds the vote) and substitute (who may cast it instead) on a meeting's roll. */
export async function seatUnits(tx: Tx, meetingId: string, seats: { unitId: string; delegateId: string; substituteId: string | null }[]) {
  const people = await tx.user.findMany({
    where: { id: { in: seats.flatMap((s) => (s.substituteId ? [s.delegateId, s.substituteId] : [s.delegateId])) } },
    select: { id: true, displayName: true },
  });
  const nameOf = new Map(people.map((p) => [p.id, p.displayName]));
  const invited: string[] = [];
  for (const seat of seats) {
    const delegate = await tx.participant.create({
      data: {
        meetingId,
        userId: seat.delegateId,
        name: nameOf.get(seat.delegateId) ?? "",
        role: "unit_rep",
        canVote: true,
        unitId: seat.unitId,
      },
    });
    invited.push(seat.delegateId);
    if (seat.substituteId) {
      await tx.participant.create({
        data: {
          meetingId,
          userId: seat.substituteId,
          name: nameOf.get(seat.substituteId) ?? "",
          role: "unit_rep",
          canVote: false,
          unitId: seat.unitId,
          substituteForId: delegate.id,
        },
      });
      invited.push(seat.substituteId);
    }
  }
  return invited;
}

async function notifyInvitation(
  tx: Tx,
  meeting: { id: string; code: string; title: string; startsAt: Date; place: string },
  userIds: string[],
  at: Date,
) {
  return notify(
    tx,
    userIds,
    {
      type: "joint_meeting_invitation",
      dedupeKey: `meeting_invitation:${meeting.id}`,
      data: { title: meeting.title, startsAt: meeting.startsAt.toISOString(), place: meeting.place },
      link: joinPath(meeting.code),
    },
    at,
  );
}

/**
 * Keeps the series' next occurrences scheduled (e.g. the next two), inviting each unit's delegate and
 * substitute, then carries unresolved items into the next one. Idempotent and safe to run in several
 * processes at once: unique (seriesId, startsAt) lets only one of them create an occurrence.
 */
export async function scheduleOccurrences(db: Db, clock: Clock, seriesId: string): Promise<{ created: string[]; notified: string[] }> {
  const series = await db.jointMeetingSeries.findUnique({
    where: { id: seriesId },
    include: { seats: { select: { unitId: true, delegateId: true, substituteId: true } } },
  });
  if (!series) throw notFound("units:jointMeetings.errors.notFound");
  const now = clock.now();
  const [latest, ahead] = await Promise.all([
    db.meeting.findFirst({ where: { seriesId }, orderBy: { startsAt: "desc" }, select: { startsAt: true } }),
    db.meeting.count({ where: { seriesId, startsAt: { gt: now }, status: "planned" } }),
  ]);
  const dates = occurrencesToCreate(ruleOf(series), now, latest?.startsAt ?? null, ahead, series.ahead);
  const created: string[] = [];
  const notified = new Set<string>();
  for (const startsAt of dates) {
    try {
      await db.$transaction(async (tx) => {
        const meeting = await tx.meeting.create({
          data: {
            communityId: series.communityId,
            seriesId,
            code: newMeetingCode(),
            title: series.title,
            form: JOINT_FORM,
            startsAt,
            place: series.place,
            hostId: series.hostId,
            quorumRule: series.quorumRule,
            createdById: series.createdById,
            createdAt: now,
          },
        });
        const invited = await seatUnits(tx, meeting.id, series.seats);
        await audit(tx, {
          actorId: null,
          communityId: series.communityId,
          action: "joint_series.schedule",
          entityType: "Meeting",
          entityId: meeting.id,
          data: { title: series.title, startsAt: startsAt.toISOString() },
          at: now,
        });
        for (const id of await notifyInvitation(tx, meeting, [series.hostId, ...invited], now)) notified.add(id);
        created.push(meeting.id);
      });
    } catch (error) {
      // Another process created this occurrence (or drew the same code): the next run fills any gap.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  await carryOverUnresolved(db, clock, seriesId);
  return { created, notified: [...notified] };
}

/**
 * Agenda items of the latest ended occurrence that got no decision go onto the next planned occurrence,
 * after its own items, linked to where they came from (an item is carried once: carriedFromId is unique).
 */
export async function carryOverUnresolved(db: Db, clock: Clock, seriesId: string): Promise<number> {
  const ended = await db.meeting.findFirst({
    where: { seriesId, status: "ended" },
    orderBy: { startsAt: "desc" },
    select: {
      id: true,
      communityId: true,
      startsAt: true,
      agendaItems: {
        where: { decisions: { none: {} } },
        orderBy: { position: "asc" },
        select: { id: true, title: true, description: true, issueId: true },
      },
    },
  });
  if (!ended || ended.agendaItems.length === 0) return 0;
  const next = await db.meeting.findFirst({
    where: { seriesId, status: "planned", startsAt: { gt: ended.startsAt } },
    orderBy: { startsAt: "asc" },
    select: { id: true },
  });
  if (!next) return 0;
  const already = await db.agendaItem.findMany({
    where: { carriedFromId: { in: ended.agendaItems.map((item) => item.id) } },
    select: { carriedFromId: true },
  });
  const carried = new Set(already.map((row) => row.carriedFromId));
  const toCarry = ended.agendaItems.filter((item) => !carried.has(item.id));
  if (toCarry.length === 0) return 0;
  const now = clock.now();
  try {
    await db.$transaction(async (tx) => {
      const last = await tx.agendaItem.findFirst({
        where: { meetingId: next.id },
        orderBy: { position: "desc" },
        select: { position: true },
      });
      let position = last?.position ?? 0;
      for (const item of toCarry) {
        position += 1;
        const row = await tx.agendaItem.create({
          data: {
            meetingId: next.id,
            position,
            title: item.title,
            description: item.description,
            issueId: item.issueId,
            carriedFromId: item.id,
          },
        });
        await audit(tx, {
          actorId: null,
          communityId: ended.communityId,
          action: "joint_series.carry_over",
          entityType: "AgendaItem",
          entityId: row.id,
          data: { title: item.title, from: ended.id },
          at: now,
        });
      }
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return 0;
  }
  return toCarry.length;
}

/** The background job: every series keeps its occurrences scheduled and its open items carried. */
export async function runJointMeetingSweep(db: Db, clock: Clock): Promise<{ notified: string[] }> {
  const all = await db.jointMeetingSeries.findMany({ select: { id: true } });
  const notified = new Set<string>();
  for (const series of all) {
    for (const id of (await scheduleOccurrences(db, clock, series.id)).notified) notified.add(id);
  }
  return { notified: [...notified] };
}

/** Per unit: how many joint meetings it was seated at that have ended, and how many it attended. */
export async function jointAttendanceOf(db: Db, unitIds: string[]): Promise<Map<string, { held: number; attended: number }>> {
  const rows = await db.participant.findMany({
    where: { unitId: { in: unitIds }, meeting: { form: JOINT_FORM, status: "ended" } },
    select: { unitId: true, meetingId: true, checkedInAt: true },
  });
  const seats = new Map<string, boolean>();
  for (const row of rows) {
    const key = `${row.unitId}|${row.meetingId}`;
    seats.set(key, (seats.get(key) ?? false) || row.checkedInAt !== null);
  }
  const perUnit = new Map<string, { held: number; attended: number }>();
  for (const [key, present] of seats) {
    const unitId = key.split("|")[0]!;
    const entry = perUnit.get(unitId) ?? { held: 0, attended: 0 };
    entry.held++;
    if (present) entry.attended++;
    perUnit.set(unitId, entry);
  }
  return perUnit;
}

/** What the series page shows: the rule, the seats, and each occurrence with who came for which unit. */
export async function seriesPage(db: Db, clock: Clock, viewer: Actor | null, seriesId: string) {
  const series = await db.jointMeetingSeries.findUnique({
    where: { id: seriesId },
    include: {
      community: { select: { id: true, slug: true, streetId: true, nameZh: true, nameEn: true } },
      seats: { select: { unitId: true, delegateId: true, substituteId: true, unit: { select: { nameZh: true, nameEn: true } } } },
    },
  });
  if (!series) throw notFound("units:jointMeetings.errors.notFound");
  const mayManage = can(viewer, "manage:meeting", { communityId: series.communityId, streetId: series.community.streetId });
  const meetings = await db.meeting.findMany({
    where: { seriesId },
    orderBy: { startsAt: "asc" },
    select: {
      id: true,
      code: true,
      startsAt: true,
      status: true,
      place: true,
      agendaItems: { select: { id: true, carriedFromId: true } },
      participants: { where: { unitId: { not: null } }, select: { unitId: true, checkedInAt: true } },
    },
  });
  const units = new Map<string, { nameZh: string; nameEn: string }>();
  for (const seat of series.seats) units.set(seat.unitId, seat.unit);
  const extraUnitIds = [...new Set(meetings.flatMap((m) => m.participants.map((p) => p.unitId as string)))].filter((id) => !units.has(id));
  if (extraUnitIds.length) {
    for (const unit of await db.unit.findMany({ where: { id: { in: extraUnitIds } }, select: { id: true, nameZh: true, nameEn: true } }))
      units.set(unit.id, unit);
  }
  const now = clock.now();
  const occurrences = meetings.map((meeting) => {
    const present = new Map<string, boolean>();
    for (const p of meeting.participants)
      present.set(p.unitId as string, (present.get(p.unitId as string) ?? false) || p.checkedInAt !== null);
    return {
      id: meeting.id,
      code: meeting.code,
      startsAt: meeting.startsAt.toISOString(),
      status: meeting.status,
      place: meeting.place,
      upcoming: meeting.status !== "ended" && meeting.startsAt > now,
      agendaItems: meeting.agendaItems.length,
      carriedIn: meeting.agendaItems.filter((item) => item.carriedFromId).length,
      attendance: [...present].map(([unitId, attended]) => ({ unitId, attended, unit: units.get(unitId) ?? null })),
    };
  });
  const { community, seats, ...rest } = series;
  return {
    series: { ...rest, createdAt: rest.createdAt.toISOString() },
    community: { slug: community.slug, nameZh: community.nameZh, nameEn: community.nameEn },
    seats: seats.map((s) => ({
      unitId: s.unitId,
      unit: s.unit,
      delegateId: mayManage ? s.delegateId : null,
      substituteId: mayManage ? s.substituteId : null,
    })),
    occurrences,
    mayManage,
  };
}

/** The choices of the series form: the community's hosts and, per unit with representatives, who may sit. */
export async function seriesFormChoices(db: Db, actor: Actor, communityId: string) {
  const community = await communityOf(db, communityId);
  requirePermission(actor, "manage:meeting", { communityId, streetId: community.streetId }, "units:jointMeetings.errors.forbidden");
  const [hosts, reps] = await Promise.all([
    db.membership.findMany({
      where: { communityId, role: { in: ["meeting_host", "community_staff"] }, user: { disabledAt: null } },
      select: { user: { select: { id: true, displayName: true } } },
      orderBy: { createdAt: "asc" },
    }),
    db.membership.findMany({
      where: { communityId, role: "unit_rep", unitId: { not: null }, unit: { archivedAt: null }, user: { disabledAt: null } },
      select: { unitId: true, unit: { select: { nameZh: true, nameEn: true } }, user: { select: { id: true, displayName: true } } },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const units = new Map<string, { unitId: string; nameZh: string; nameEn: string; reps: { id: string; name: string }[] }>();
  for (const rep of reps) {
    const unitId = rep.unitId as string;
    const entry = units.get(unitId) ?? { unitId, nameZh: rep.unit?.nameZh ?? "", nameEn: rep.unit?.nameEn ?? "", reps: [] };
    entry.reps.push({ id: rep.user.id, name: rep.user.displayName });
    units.set(unitId, entry);
  }
  const uniqueHosts = new Map(hosts.map((h) => [h.user.id, { id: h.user.id, name: h.user.displayName }]));
  return { hosts: [...uniqueHosts.values()], units: [...units.values()] };
}

/** The community's series, for the meetings list and the staff page. */
export async function seriesOfCommunity(db: Db, communityId: string) {
  return db.jointMeetingSeries.findMany({
    where: { communityId },
    orderBy: { createdAt: "asc" },
    select: { id: true, title: true, theme: true, place: true, frequency: true, time: true },
  });
}
