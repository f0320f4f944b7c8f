import type { Db } from "../../infra/db.server";
import type { CommunitySummary } from "../communities/community-list.server";
import { forbidden } from "../errors";
import type { Actor } from "../permissions";
import { can, requirePermission } from "../permissions";

/** The meetings of the community a person works in, newest first, with what they may do at each. */
export async function meetingList(db: Db, actor: Actor, community: CommunitySummary | null) {
  if (!community) throw forbidden();
  const resource = { communityId: community.id, streetId: community.streetId };
  requirePermission(actor, "join:meeting", resource);
  const meetings = await db.meeting.findMany({
    where: { communityId: community.id },
    orderBy: { startsAt: "desc" },
    take: 100,
    select: {
      id: true,
      title: true,
      form: true,
      status: true,
      startsAt: true,
      place: true,
      hostId: true,
      code: true,
      _count: { select: { agendaItems: true, participants: true } },
      participants: { where: { userId: actor.id }, select: { id: true } },
    },
  });
  const mayManage = can(actor, "manage:meeting", resource);
  return {
    community,
    mayPlan: mayManage,
    meetings: meetings.map((m) => ({
      ...m,
      onRoll: m.participants.length > 0,
      mayHost: can(actor, "host:meeting", { ...resource, hostId: m.hostId }),
      mayManage,
    })),
  };
}
