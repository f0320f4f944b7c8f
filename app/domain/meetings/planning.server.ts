import crypto from "node:crypto";
import type { Db, Tx } from "../../infra/db.server";
import type { MeetingCreateInput, ParticipantRole } from "../../schemas/meetings";
import { audit } from "../audit.server";
import type { Clock } from "../../infra/clock";
import { conflict, invalid, notFound } from "../errors";
import { transitionIssue } from "../issues/transition.server";
import { unverifiedAmong } from "../enrolment/verification.server";
import { isUniqueViolation, notify } from "../notifications/notify.server";
import type { Actor } from "../permissions";
import { requirePermission } from "../permissions";
import { authorizeMeeting, joinPath } from "./access.server";

/** Letters and digits that cannot be mistaken for each other when read off a projector (no 0/O, 1/I/L). */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export function newMeetingCode(): string {
  const bytes = crypto.randomBytes(6);
  return [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

/** Issues that may be put on an agenda (the tracker's put_on_agenda transition accepts these). */
export const AGENDA_READY_STATUSES = ["submitted", "accepted", "escalated", "reopened"] as const;

/**
 * What a meeting's "add agenda item" picker offers: issues ready for an agenda, and issues sent to the
 * council from the tracker ("on agenda") that no planned or live meeting has taken up yet — without these
 * an issue sent to the council from its own page could never reach a meeting.
 */
export function agendaCandidatesWhere(communityId: string) {
  return {
    communityId,
    OR: [
      { status: { in: [...AGENDA_READY_STATUSES] } },
      { status: "on_agenda", agendaItems: { none: { meeting: { status: { not: "ended" } } } } },
    ],
  };
}

async function notifyInvitation(
  db: Db | Tx,
  meeting: { id: string; code: string; title: string; startsAt: Date; place: string },
  userIds: string[],
  at: Date,
) {
  await notify(
    db,
    userIds,
    {
      type: "meeting_invitation",
      dedupeKey: `meeting_invitation:${meeting.id}`,
      data: { title: meeting.title, startsAt: meeting.startsAt.toISOString(), place: meeting.place },
      link: joinPath(meeting.code),
    },
    at,
  );
}

export async function createMeeting(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: MeetingCreateInput & { communityId: string },
): Promise<{ id: string; code: string }> {
  const community = await db.community.findUnique({ where: { id: input.communityId }, select: { id: true, streetId: true } });
  if (!community) throw notFound("meetings:errors.communityNotFound");
  requirePermission(actor, "manage:meeting", { communityId: community.id, streetId: community.streetId }, "meetings:errors.forbidden");
  const host = await db.membership.findFirst({
    where: { userId: input.hostId, communityId: community.id, role: { in: ["meeting_host", "community_staff"] } },
    select: { userId: true },
  });
  if (!host) throw invalid("meetings:errors.hostNotEligible");
  const now = clock.now();

  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const meeting = await tx.meeting.create({
          data: {
            communityId: community.id,
            code: newMeetingCode(),
            title: input.title,
            form: input.form,
            startsAt: input.startsAt,
            place: input.place,
            hostId: input.hostId,
            quorumRule: input.quorumRule,
            speakerSeconds: input.speakerMinutes * 60,
            createdById: actor.id,
            createdAt: now,
          },
        });
        const invited: string[] = [input.hostId];
        if (input.addStandingRoll) invited.push(...(await addStandingRoll(tx, meeting.id, community.id)));
        await audit(tx, {
          actorId: actor.id,
          communityId: community.id,
          action: "meeting.create",
          entityType: "Meeting",
          entityId: meeting.id,
          data: { title: meeting.title },
          at: now,
        });
        await notifyInvitation(tx, meeting, invited, now);
        return { id: meeting.id, code: meeting.code };
      });
    } catch (error) {
      // A code collision (1 in ~10⁹) just draws another code.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw conflict("meetings:errors.codeCollision");
}

/**
 * The council's standing members: resident representatives and unit representatives vote, experts advise.
 * A resident whose registration is not confirmed is left off: only verified residents vote (issue #12).
 */
async function addStandingRoll(tx: Tx, meetingId: string, communityId: string): Promise<string[]> {
  const members = await tx.membership.findMany({
    where: { communityId, OR: [{ role: "resident", isResidentRep: true }, { role: "unit_rep" }, { role: "expert" }] },
    select: { userId: true, role: true, user: { select: { displayName: true } } },
    orderBy: { createdAt: "asc" },
  });
  const unverified = await unverifiedAmong(
    tx,
    communityId,
    members.filter((m) => m.role === "resident").map((m) => m.userId),
  );
  const seen = new Set<string>();
  const rows = [];
  for (const m of members) {
    if (seen.has(m.userId) || (m.role === "resident" && unverified.has(m.userId))) continue;
    seen.add(m.userId);
    const role: ParticipantRole = m.role === "resident" ? "resident_rep" : m.role === "unit_rep" ? "unit_rep" : "expert";
    rows.push({ meetingId, userId: m.userId, name: m.user.displayName, role, canVote: role !== "expert" });
  }
  if (rows.length) await tx.participant.createMany({ data: rows });
  return rows.map((r) => r.userId);
}

function assertEditable(meeting: { status: string }) {
  if (meeting.status === "ended") throw conflict("meetings:errors.meetingEnded");
}

export async function addIssueToAgenda(db: Db, clock: Clock, actor: Actor, meetingId: string, issueId: string) {
  const meeting = await authorizeMeeting(db, actor, "manage:meeting", meetingId);
  assertEditable(meeting);
  const issue = await db.issue.findUnique({
    where: { id: issueId },
    select: { id: true, title: true, description: true, communityId: true, status: true },
  });
  if (!issue || issue.communityId !== meeting.communityId) throw notFound("meetings:errors.issueNotFound");
  const now = clock.now();
  return db.$transaction(async (tx) => {
    if (issue.status === "on_agenda") {
      // Sent to the council from the tracker: it is already "on agenda"; this meeting takes it up, once.
      const taken = await tx.agendaItem.count({ where: { issueId, meeting: { status: { not: "ended" } } } });
      if (taken > 0) throw conflict("issues:errors.changed_meanwhile");
    } else {
      // The tracker's own transition moves the issue to "on agenda" (and refuses issues that cannot go there).
      await transitionIssue(tx, clock, actor, { issueId, transition: "put_on_agenda" });
    }
    const position = await nextPosition(tx, meetingId);
    const item = await tx.agendaItem.create({
      data: { meetingId, position, title: issue.title, description: issue.description.slice(0, 2000), issueId },
    });
    await audit(tx, {
      actorId: actor.id,
      communityId: meeting.communityId,
      action: "meeting.agenda_add_issue",
      entityType: "Meeting",
      entityId: meetingId,
      data: { issueId, agendaItemId: item.id },
      at: now,
    });
    return item;
  });
}

async function nextPosition(tx: Tx, meetingId: string): Promise<number> {
  const last = await tx.agendaItem.findFirst({ where: { meetingId }, orderBy: { position: "desc" }, select: { position: true } });
  return (last?.position ?? 0) + 1;
}

export async function addAgendaItem(db: Db, clock: Clock, actor: Actor, meetingId: string, input: { title: string; description?: string }) {
  const meeting = await authorizeMeeting(db, actor, "manage:meeting", meetingId);
  assertEditable(meeting);
  return db.$transaction(async (tx) => {
    const item = await tx.agendaItem.create({
      data: { meetingId, position: await nextPosition(tx, meetingId), title: input.title, description: input.description || null },
    });
    await audit(tx, {
      actorId: actor.id,
      communityId: meeting.communityId,
      action: "meeting.agenda_add",
      entityType: "Meeting",
      entityId: meetingId,
      data: { agendaItemId: item.id },
      at: clock.now(),
    });
    return item;
  });
}

export async function moveAgendaItem(db: Db, actor: Actor, meetingId: string, agendaItemId: string, direction: "up" | "down") {
  const meeting = await authorizeMeeting(db, actor, "manage:meeting", meetingId);
  assertEditable(meeting);
  const items = await db.agendaItem.findMany({ where: { meetingId }, orderBy: { position: "asc" }, select: { id: true, position: true } });
  const index = items.findIndex((i) => i.id === agendaItemId);
  if (index < 0) throw notFound("meetings:errors.agendaItemNotFound");
  const swapWith = direction === "up" ? index - 1 : index + 1;
  if (swapWith < 0 || swapWith >= items.length) return;
  const [a, b] = [items[index], items[swapWith]];
  await db.$transaction(async (tx) => {
    await tx.agendaItem.update({ where: { id: a.id }, data: { position: b.position } });
    await tx.agendaItem.update({ where: { id: b.id }, data: { position: a.position } });
    await audit(tx, {
      actorId: actor.id,
      communityId: meeting.communityId,
      action: "meeting.agenda_move",
      entityType: "Meeting",
      entityId: meetingId,
      data: { agendaItemId, direction },
    });
  });
}

/** Items not yet discussed can be dropped; their tracker issue stays "on agenda" for the next meeting. */
export async function removeAgendaItem(db: Db, clock: Clock, actor: Actor, meetingId: string, agendaItemId: string) {
  const meeting = await authorizeMeeting(db, actor, "manage:meeting", meetingId);
  assertEditable(meeting);
  const item = await db.agendaItem.findFirst({
    where: { id: agendaItemId, meetingId },
    select: { id: true, status: true, _count: { select: { polls: true, comments: true, decisions: true } } },
  });
  if (!item) throw notFound("meetings:errors.agendaItemNotFound");
  if (item.status !== "pending" || item._count.polls || item._count.comments || item._count.decisions)
    throw conflict("meetings:errors.agendaItemInUse");
  await db.$transaction(async (tx) => {
    await tx.agendaItem.delete({ where: { id: item.id } });
    await audit(tx, {
      actorId: actor.id,
      communityId: meeting.communityId,
      action: "meeting.agenda_remove",
      entityType: "Meeting",
      entityId: meetingId,
      data: { agendaItemId },
      at: clock.now(),
    });
  });
}

export async function addRollMember(
  db: Db,
  clock: Clock,
  actor: Actor,
  meetingId: string,
  input: { userId: string; role: ParticipantRole; canVote: boolean },
) {
  const meeting = await authorizeMeeting(db, actor, "manage:meeting", meetingId);
  assertEditable(meeting);
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { id: true, displayName: true } });
  if (!user) throw notFound("meetings:errors.userNotFound");
  // Only a resident whose address has been confirmed may vote; unconfirmed ones may still attend and speak.
  if (input.canVote && (await unverifiedAmong(db, meeting.communityId, [user.id])).size > 0)
    throw invalid("enrol:errors.unverified_voter", { name: user.displayName });
  const now = clock.now();
  try {
    await db.$transaction(async (tx) => {
      const full = await tx.meeting.findUniqueOrThrow({
        where: { id: meetingId },
        select: { id: true, code: true, title: true, startsAt: true, place: true },
      });
      await tx.participant.create({
        data: { meetingId, userId: user.id, name: user.displayName, role: input.role, canVote: input.canVote },
      });
      await audit(tx, {
        actorId: actor.id,
        communityId: meeting.communityId,
        action: "meeting.roll_add",
        entityType: "Meeting",
        entityId: meetingId,
        data: { userId: user.id, role: input.role, canVote: input.canVote },
        at: now,
      });
      await notifyInvitation(tx, full, [user.id], now);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict("meetings:errors.alreadyOnRoll");
    throw error;
  }
}

/** Someone without an account (an older resident without a phone): staff check them in by hand. */
export async function addRollGuest(
  db: Db,
  clock: Clock,
  actor: Actor,
  meetingId: string,
  input: { name: string; role: ParticipantRole; canVote: boolean },
) {
  const meeting = await authorizeMeeting(db, actor, "check-in:participant", meetingId);
  assertEditable(meeting);
  await db.$transaction(async (tx) => {
    const p = await tx.participant.create({
      data: { meetingId, userId: null, name: input.name, role: input.role, canVote: input.canVote },
    });
    await audit(tx, {
      actorId: actor.id,
      communityId: meeting.communityId,
      action: "meeting.roll_add_guest",
      entityType: "Participant",
      entityId: p.id,
      data: { name: input.name, role: input.role, canVote: input.canVote },
      at: clock.now(),
    });
  });
}

export async function removeParticipant(db: Db, clock: Clock, actor: Actor, meetingId: string, participantId: string) {
  const meeting = await authorizeMeeting(db, actor, "manage:meeting", meetingId);
  if (meeting.status !== "planned") throw conflict("meetings:errors.rollLocked");
  const p = await db.participant.findFirst({ where: { id: participantId, meetingId }, select: { id: true } });
  if (!p) throw notFound("meetings:errors.participantNotFound");
  await db.$transaction(async (tx) => {
    await tx.participant.updateMany({ where: { proxyForId: participantId }, data: { proxyForId: null } });
    await tx.participant.delete({ where: { id: participantId } });
    await audit(tx, {
      actorId: actor.id,
      communityId: meeting.communityId,
      action: "meeting.roll_remove",
      entityType: "Participant",
      entityId: participantId,
      at: clock.now(),
    });
  });
}

/**
 * Records that a voting member holds the vote of one absent voting member. Participant.proxyForId is unique,
 * so nobody is represented twice; a holder holds one proxy at most by construction.
 */
export async function setProxy(db: Db, clock: Clock, actor: Actor, meetingId: string, holderId: string, representedId: string | null) {
  const meeting = await authorizeMeeting(db, actor, "check-in:participant", meetingId);
  assertEditable(meeting);
  const roll = await db.participant.findMany({
    where: { meetingId, id: { in: [holderId, representedId ?? holderId] } },
    select: { id: true, canVote: true, proxyForId: true },
  });
  const holder = roll.find((p) => p.id === holderId);
  if (!holder) throw notFound("meetings:errors.participantNotFound");
  if (representedId) {
    const represented = roll.find((p) => p.id === representedId);
    if (!represented) throw notFound("meetings:errors.participantNotFound");
    if (representedId === holderId) throw invalid("meetings:errors.proxySelf");
    if (!holder.canVote || !represented.canVote) throw invalid("meetings:errors.proxyNeedsVoters");
    if (represented.proxyForId) throw invalid("meetings:errors.proxyChain");
    const alsoHolds = await db.participant.findFirst({ where: { meetingId, proxyForId: holderId }, select: { id: true } });
    if (alsoHolds) throw invalid("meetings:errors.proxyChain");
  }
  try {
    await db.$transaction(async (tx) => {
      await tx.participant.update({ where: { id: holderId }, data: { proxyForId: representedId } });
      await audit(tx, {
        actorId: actor.id,
        communityId: meeting.communityId,
        action: representedId ? "meeting.proxy_set" : "meeting.proxy_clear",
        entityType: "Participant",
        entityId: holderId,
        data: { representedId },
        at: clock.now(),
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict("meetings:errors.proxyTaken");
    throw error;
  }
}
