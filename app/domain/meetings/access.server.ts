import type { Db, Tx } from "../../infra/db.server";
import { forbidden, notFound } from "../errors";
import type { Action, Actor, Resource } from "../permissions";
import { can } from "../permissions";

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

export async function loadMeeting(db: Db | Tx, meetingId: string): Promise<MeetingRef> {
  const meeting = await db.meeting.findUnique({ where: { id: meetingId }, select: meetingRefSelect });
  if (!meeting) throw notFound("meetings:errors.meetingNotFound");
  return meeting;
}

/** Loads the meeting and refuses unless can() allows the action on it. */
export async function authorizeMeeting(db: Db | Tx, actor: Actor, action: Action, meetingId: string): Promise<MeetingRef> {
  const meeting = await loadMeeting(db, meetingId);
  if (!can(actor, action, meetingResource(meeting))) throw forbidden("meetings:errors.forbidden");
  return meeting;
}

/**
 * Who may watch a meeting live (room join): members of its community, and anyone on its roll (an expert from
 * another community, say). Voting is decided separately by the roll and check-in.
 */
export async function mayFollowMeeting(db: Db | Tx, actor: Actor, meeting: MeetingRef): Promise<boolean> {
  if (can(actor, "join:meeting", meetingResource(meeting))) return true;
  const onRoll = await db.participant.findUnique({
    where: { meetingId_userId: { meetingId: meeting.id, userId: actor.id } },
    select: { id: true },
  });
  return !!onRoll;
}

export function mayRunMeeting(actor: Actor, meeting: MeetingRef): boolean {
  return can(actor, "host:meeting", meetingResource(meeting));
}
