import type { Db, Tx } from "../../infra/db.server";
import { forbidden, notFound } from "../errors";
import type { Action, Actor, Resource } from "../permissions";
import { can, requirePermission } from "../permissions";

export interface MeetingRef {
  id: string;
  communityId: string;
  hostId: string;
  status: string;
  code: string;
  title: string;
  quorumRule: string;
  currentAgendaItemId: string | null;
  community: { streetId: string; slug: string };
}

export const meetingRefSelect = {
  id: true,
  communityId: true,
  hostId: true,
  status: true,
  code: true,
  title: true,
  quorumRule: true,
  currentAgendaItemId: true,
  community: { select: { streetId: true, slug: true } },
} as const;

export function meetingResource(meeting: { communityId: string; hostId: string; community: { streetId: string } }): Resource {
  return { communityId: meeting.communityId, streetId: meeting.community.streetId, hostId: meeting.hostId };
}

/** Where a participant opens the meeting on their phone (the code on the projector, invitations, calendars). */
export function joinPath(code: string): string {
  return `/m/${code}`;
}

export async function findMeeting(db: Db | Tx, meetingId: string): Promise<MeetingRef | null> {
  return db.meeting.findUnique({ where: { id: meetingId }, select: meetingRefSelect });
}

export async function loadMeeting(db: Db | Tx, meetingId: string): Promise<MeetingRef> {
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) throw notFound("meetings:errors.meetingNotFound");
  return meeting;
}

/** Loads the meeting and refuses unless the actor may do `action` on it. */
export async function authorizeMeeting(
  db: Db | Tx,
  actor: Actor,
  action: Action,
  meetingId: string,
  forbiddenKey = "meetings:errors.forbidden",
): Promise<MeetingRef> {
  const meeting = await loadMeeting(db, meetingId);
  requirePermission(actor, action, meetingResource(meeting), forbiddenKey);
  return meeting;
}

/**
 * Who may watch a meeting live (room join): members of its community, and anyone on its roll (an expert from
 * another community, say). Voting is decided separately by the roll and check-in.
 */
export async function mayFollowMeeting(db: Db | Tx, actor: Actor, meeting: MeetingRef): Promise<boolean> {
  if (can(actor, "join:meeting", meetingResource(meeting))) return true;
  return (await participantIdOf(db, meeting.id, actor.id)) !== null;
}

/** The meeting, for someone who may follow it; refused otherwise. */
export async function followMeeting(db: Db | Tx, actor: Actor, meetingId: string, forbiddenKey = "meetings:errors.forbidden") {
  return requireFollower(db, actor, await loadMeeting(db, meetingId), forbiddenKey);
}

/** An already loaded meeting (e.g. from the live server's shared copy), for someone who may follow it. */
export async function requireFollower<M extends MeetingRef>(
  db: Db | Tx,
  actor: Actor,
  meeting: M,
  forbiddenKey = "meetings:errors.forbidden",
): Promise<M> {
  if (!(await mayFollowMeeting(db, actor, meeting))) throw forbidden(forbiddenKey);
  return meeting;
}

/** The meeting behind a join code (as typed: any case), for someone who may follow it. */
export async function followMeetingByCode(db: Db | Tx, actor: Actor, code: string): Promise<MeetingRef> {
  const meeting = await db.meeting.findUnique({ where: { code: code.toUpperCase() }, select: meetingRefSelect });
  if (!meeting) throw notFound("meetings:errors.meetingNotFound");
  if (!(await mayFollowMeeting(db, actor, meeting))) throw forbidden();
  return meeting;
}

/** Where a typed join code leads: the meeting's code as stored, or not found. */
export async function meetingCodeOf(db: Db | Tx, code: string): Promise<string> {
  const meeting = await db.meeting.findUnique({ where: { code }, select: { code: true } });
  if (!meeting) throw notFound("meetings:errors.noSuchCode");
  return meeting.code;
}

/** The person's place on the meeting's roll, or null. */
export async function participantIdOf(db: Db | Tx, meetingId: string, userId: string): Promise<string | null> {
  const row = await db.participant.findUnique({ where: { meetingId_userId: { meetingId, userId } }, select: { id: true } });
  return row?.id ?? null;
}
