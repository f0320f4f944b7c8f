import type { Db } from "../../infra/db.server";
import type { CurrentUser } from "../accounts/sessions.server";
import type { Action } from "../permissions";
import { can } from "../permissions";
import type { MeetingRef } from "./access.server";
import { mayFollowMeeting, meetingRefSelect, meetingResource } from "./access.server";

/** For page loaders (a thrown Response becomes the error page): the meeting, or a 404; then a 403 unless the person may do `action` (or follow it). */
export async function requireMeetingPage(db: Db, user: CurrentUser, meetingId: string, action: Action | "follow"): Promise<MeetingRef> {
  const meeting = await db.meeting.findUnique({ where: { id: meetingId }, select: meetingRefSelect });
  if (!meeting) throw new Response(null, { status: 404 });
  const allowed = action === "follow" ? await mayFollowMeeting(db, user, meeting) : can(user, action, meetingResource(meeting));
  if (!allowed) throw new Response(null, { status: 403 });
  return meeting;
}

/** The roll as staff see it: names, roles, votes, presence and proxies. */
export async function rollForStaff(db: Db, meetingId: string) {
  return db.participant.findMany({
    where: { meetingId },
    orderBy: [{ role: "asc" }, { name: "asc" }],
    select: { id: true, userId: true, name: true, role: true, canVote: true, checkedInAt: true, proxyForId: true },
  });
}

/** Units that can own an action item agreed in this community's meeting. */
export async function unitsForCommunity(db: Db, community: { id: string; streetId: string }) {
  return db.unit.findMany({
    where: { streetId: community.streetId, OR: [{ communityId: community.id }, { communityId: null }] },
    orderBy: [{ kind: "asc" }, { nameZh: "asc" }],
    select: { id: true, nameZh: true, nameEn: true },
  });
}
