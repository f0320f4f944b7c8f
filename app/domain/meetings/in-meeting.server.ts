import type { Db, Tx } from "../../infra/db.server";
import { audit } from "../audit.server";
import type { Clock } from "../../infra/clock";
import { conflict, forbidden, notFound } from "../errors";
import type { Actor } from "../permissions";
import { can } from "../permissions";
import type { QuorumRule } from "../voting/tally";
import type { AttendanceSummary, RollEntry } from "./attendance";
import { attendanceOf } from "./attendance";
import type { MeetingRef } from "./access.server";
import { authorizeMeeting, loadMeeting, mayFollowMeeting, meetingResource } from "./access.server";

/**
 * What happens in the room: check-in, the running order, the speakers queue, comments and expert opinions.
 * Each function authorises with can(), checks the meeting's state and writes with its audit row.
 */

export async function rollOf(db: Db | Tx, meetingId: string): Promise<RollEntry[]> {
  const rows = await db.participant.findMany({
    where: { meetingId },
    select: { id: true, canVote: true, checkedInAt: true, proxyForId: true, substituteForId: true },
  });
  return rows.map((r) => ({
    id: r.id,
    canVote: r.canVote,
    checkedIn: r.checkedInAt !== null,
    proxyForId: r.proxyForId,
    substituteForId: r.substituteForId,
  }));
}

export async function attendanceFor(db: Db | Tx, meeting: { id: string; quorumRule: string }): Promise<AttendanceSummary> {
  return attendanceOf(await rollOf(db, meeting.id), meeting.quorumRule as QuorumRule);
}

async function participantOf(db: Db | Tx, meetingId: string, userId: string) {
  return db.participant.findUnique({ where: { meetingId_userId: { meetingId, userId } } });
}

/** A participant checks themselves in from their phone (after scanning the code). */
export async function checkInSelf(db: Db, clock: Clock, actor: Actor, meetingId: string) {
  const meeting = await loadMeeting(db, meetingId);
  if (meeting.status === "ended") throw conflict("meetings:errors.meetingEnded");
  const participant = await participantOf(db, meetingId, actor.id);
  if (!participant) throw forbidden("meetings:errors.notOnRoll");
  if (participant.checkedInAt) return participant;
  const now = clock.now();
  return db.$transaction(async (tx) => {
    const updated = await tx.participant.update({ where: { id: participant.id }, data: { checkedInAt: now, checkedInById: actor.id } });
    await audit(tx, {
      actorId: actor.id,
      communityId: meeting.communityId,
      action: "meeting.check_in",
      entityType: "Participant",
      entityId: participant.id,
      at: now,
    });
    return updated;
  });
}

/** Staff check anyone in (or out, when they leave: quorum may then be lost). Returns the person's user id. */
export async function setCheckedIn(
  db: Db,
  clock: Clock,
  actor: Actor,
  meetingId: string,
  participantId: string,
  present: boolean,
): Promise<string | null> {
  const meeting = await authorizeMeeting(db, actor, "check-in:participant", meetingId);
  if (meeting.status === "ended") throw conflict("meetings:errors.meetingEnded");
  const participant = await db.participant.findFirst({ where: { id: participantId, meetingId } });
  if (!participant) throw notFound("meetings:errors.participantNotFound");
  const now = clock.now();
  await db.$transaction(async (tx) => {
    await tx.participant.update({
      where: { id: participantId },
      data: present
        ? { checkedInAt: participant.checkedInAt ?? now, checkedInById: participant.checkedInById ?? actor.id }
        : { checkedInAt: null, checkedInById: null },
    });
    await audit(tx, {
      actorId: actor.id,
      communityId: meeting.communityId,
      action: present ? "meeting.check_in_by_staff" : "meeting.check_out_by_staff",
      entityType: "Participant",
      entityId: participantId,
      at: now,
    });
  });
  return participant.userId;
}

async function openPollOf(db: Db | Tx, meetingId: string) {
  return db.poll.findFirst({ where: { meetingId, status: "open" }, select: { id: true } });
}

export async function startMeeting(db: Db, clock: Clock, actor: Actor, meetingId: string) {
  const meeting = await authorizeMeeting(db, actor, "host:meeting", meetingId);
  if (meeting.status !== "planned") throw conflict("meetings:errors.alreadyStarted");
  const now = clock.now();
  await db.$transaction(async (tx) => {
    const first = await tx.agendaItem.findFirst({ where: { meetingId }, orderBy: { position: "asc" }, select: { id: true } });
    const updated = await tx.meeting.updateMany({
      where: { id: meetingId, status: "planned" },
      data: { status: "live", startedAt: now, currentAgendaItemId: first?.id ?? null },
    });
    if (updated.count !== 1) throw conflict("meetings:errors.alreadyStarted");
    if (first) await tx.agendaItem.update({ where: { id: first.id }, data: { status: "current" } });
    await audit(tx, {
      actorId: actor.id,
      communityId: meeting.communityId,
      action: "meeting.start",
      entityType: "Meeting",
      entityId: meetingId,
      at: now,
    });
  });
}

export async function endMeeting(db: Db, clock: Clock, actor: Actor, meetingId: string) {
  const meeting = await authorizeMeeting(db, actor, "host:meeting", meetingId);
  if (meeting.status !== "live") throw conflict("meetings:errors.notLive");
  if (await openPollOf(db, meetingId)) throw conflict("meetings:errors.closePollFirst");
  const now = clock.now();
  await db.$transaction(async (tx) => {
    const updated = await tx.meeting.updateMany({
      where: { id: meetingId, status: "live" },
      data: { status: "ended", endedAt: now, currentAgendaItemId: null },
    });
    if (updated.count !== 1) throw conflict("meetings:errors.notLive");
    await tx.agendaItem.updateMany({ where: { meetingId, status: "current" }, data: { status: "done" } });
    await tx.speakerRequest.updateMany({ where: { meetingId, status: "speaking" }, data: { status: "done", endedAt: now } });
    await tx.speakerRequest.updateMany({ where: { meetingId, status: "waiting" }, data: { status: "withdrawn", endedAt: now } });
    await audit(tx, {
      actorId: actor.id,
      communityId: meeting.communityId,
      action: "meeting.end",
      entityType: "Meeting",
      entityId: meetingId,
      at: now,
    });
  });
}

export async function setCurrentItem(db: Db, clock: Clock, actor: Actor, meetingId: string, agendaItemId: string) {
  const meeting = await authorizeMeeting(db, actor, "host:meeting", meetingId);
  if (meeting.status !== "live") throw conflict("meetings:errors.notLive");
  const item = await db.agendaItem.findFirst({ where: { id: agendaItemId, meetingId }, select: { id: true } });
  if (!item) throw notFound("meetings:errors.agendaItemNotFound");
  if (await openPollOf(db, meetingId)) throw conflict("meetings:errors.closePollFirst");
  const now = clock.now();
  await db.$transaction(async (tx) => {
    await tx.agendaItem.updateMany({ where: { meetingId, status: "current" }, data: { status: "done" } });
    await tx.agendaItem.update({ where: { id: item.id }, data: { status: "current" } });
    await tx.meeting.update({ where: { id: meetingId }, data: { currentAgendaItemId: item.id } });
    // The floor belongs to the item: whoever spoke on the last one is done; the queue carries on.
    await tx.speakerRequest.updateMany({ where: { meetingId, status: "speaking" }, data: { status: "done", endedAt: now } });
    await audit(tx, {
      actorId: actor.id,
      communityId: meeting.communityId,
      action: "meeting.current_item",
      entityType: "Meeting",
      entityId: meetingId,
      data: { agendaItemId },
      at: now,
    });
  });
}

async function requireLiveParticipant(db: Db | Tx, actor: Actor, meeting: MeetingRef) {
  if (meeting.status !== "live") throw conflict("meetings:errors.notLive");
  const participant = await participantOf(db, meeting.id, actor.id);
  if (!participant) throw forbidden("meetings:errors.notOnRoll");
  if (!participant.checkedInAt) throw forbidden("meetings:errors.notCheckedIn");
  return participant;
}

export async function raiseHand(db: Db, clock: Clock, actor: Actor, meetingId: string) {
  const meeting = await loadMeeting(db, meetingId);
  const participant = await requireLiveParticipant(db, actor, meeting);
  const existing = await db.speakerRequest.findFirst({
    where: { participantId: participant.id, status: { in: ["waiting", "speaking"] } },
    select: { id: true },
  });
  if (existing) return existing;
  return db.speakerRequest.create({
    data: { meetingId, participantId: participant.id, agendaItemId: meeting.currentAgendaItemId, requestedAt: clock.now() },
    select: { id: true },
  });
}

export async function lowerHand(db: Db, clock: Clock, actor: Actor, meetingId: string) {
  const participant = await participantOf(db, meetingId, actor.id);
  if (!participant) throw forbidden("meetings:errors.notOnRoll");
  await db.speakerRequest.updateMany({
    where: { participantId: participant.id, status: "waiting" },
    data: { status: "withdrawn", endedAt: clock.now() },
  });
}

export async function giveFloor(db: Db, clock: Clock, actor: Actor, meetingId: string, requestId: string) {
  const meeting = await authorizeMeeting(db, actor, "host:meeting", meetingId);
  if (meeting.status !== "live") throw conflict("meetings:errors.notLive");
  const now = clock.now();
  await db.$transaction(async (tx) => {
    await tx.speakerRequest.updateMany({ where: { meetingId, status: "speaking" }, data: { status: "done", endedAt: now } });
    const updated = await tx.speakerRequest.updateMany({
      where: { id: requestId, meetingId, status: "waiting" },
      data: { status: "speaking", startedAt: now },
    });
    if (updated.count !== 1) throw conflict("meetings:errors.speakerGone");
  });
}

export async function endSpeaker(db: Db, clock: Clock, actor: Actor, meetingId: string) {
  await authorizeMeeting(db, actor, "host:meeting", meetingId);
  await db.speakerRequest.updateMany({ where: { meetingId, status: "speaking" }, data: { status: "done", endedAt: clock.now() } });
}

async function requireItem(db: Db | Tx, meetingId: string, agendaItemId: string) {
  const item = await db.agendaItem.findFirst({ where: { id: agendaItemId, meetingId }, select: { id: true } });
  if (!item) throw notFound("meetings:errors.agendaItemNotFound");
}

/** Anyone in the room may comment: checked-in participants, and the staff and host running it. */
export async function postComment(db: Db, clock: Clock, actor: Actor, input: { meetingId: string; agendaItemId: string; body: string }) {
  const meeting = await loadMeeting(db, input.meetingId);
  if (meeting.status !== "live") throw conflict("meetings:errors.notLive");
  if (!can(actor, "host:meeting", meetingResource(meeting))) {
    if (!(await mayFollowMeeting(db, actor, meeting))) throw forbidden("meetings:errors.forbidden");
    await requireLiveParticipant(db, actor, meeting);
  }
  await requireItem(db, meeting.id, input.agendaItemId);
  return db.comment.create({
    data: { agendaItemId: input.agendaItemId, authorId: actor.id, body: input.body, createdAt: clock.now() },
    select: { id: true },
  });
}

/** Think-tank experts on the roll (or of the community) give a formal opinion with a conflict-of-interest declaration. */
export async function postOpinion(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: { meetingId: string; agendaItemId: string; stance: string; rationale: string; conflictOfInterest: string },
) {
  const meeting = await loadMeeting(db, input.meetingId);
  if (meeting.status !== "live") throw conflict("meetings:errors.notLive");
  const participant = await participantOf(db, meeting.id, actor.id);
  const isExpert = participant?.role === "expert" || can(actor, "post:expert-opinion", meetingResource(meeting));
  if (!isExpert) throw forbidden("meetings:errors.expertsOnly");
  await requireItem(db, meeting.id, input.agendaItemId);
  const now = clock.now();
  return db.$transaction(async (tx) => {
    const opinion = await tx.expertOpinion.create({
      data: {
        agendaItemId: input.agendaItemId,
        expertId: actor.id,
        stance: input.stance,
        rationale: input.rationale,
        conflictOfInterest: input.conflictOfInterest,
        createdAt: now,
      },
      select: { id: true },
    });
    await audit(tx, {
      actorId: actor.id,
      communityId: meeting.communityId,
      action: "meeting.expert_opinion",
      entityType: "ExpertOpinion",
      entityId: opinion.id,
      data: { stance: input.stance },
      at: now,
    });
    return opinion;
  });
}

/** Hidden content disappears from every screen; the audit log keeps what it said and who hid it. */
export async function hideContent(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: { meetingId: string; kind: "comment" | "opinion"; id: string; reason?: string },
) {
  const meeting = await authorizeMeeting(db, actor, "moderate:content", input.meetingId);
  const now = clock.now();
  await db.$transaction(async (tx) => {
    if (input.kind === "comment") {
      const row = await tx.comment.findFirst({ where: { id: input.id, agendaItem: { meetingId: meeting.id } } });
      if (!row) throw notFound("meetings:errors.contentNotFound");
      if (row.hiddenAt) return;
      await tx.comment.update({ where: { id: row.id }, data: { hiddenAt: now, hiddenById: actor.id } });
      await audit(tx, {
        actorId: actor.id,
        communityId: meeting.communityId,
        action: "meeting.hide_comment",
        entityType: "Comment",
        entityId: row.id,
        data: { authorId: row.authorId, body: row.body, reason: input.reason ?? null },
        at: now,
      });
    } else {
      const row = await tx.expertOpinion.findFirst({ where: { id: input.id, agendaItem: { meetingId: meeting.id } } });
      if (!row) throw notFound("meetings:errors.contentNotFound");
      if (row.hiddenAt) return;
      await tx.expertOpinion.update({ where: { id: row.id }, data: { hiddenAt: now, hiddenById: actor.id } });
      await audit(tx, {
        actorId: actor.id,
        communityId: meeting.communityId,
        action: "meeting.hide_opinion",
        entityType: "ExpertOpinion",
        entityId: row.id,
        data: { expertId: row.expertId, stance: row.stance, rationale: row.rationale, reason: input.reason ?? null },
        at: now,
      });
    }
  });
}
