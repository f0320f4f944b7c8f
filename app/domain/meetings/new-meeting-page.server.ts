import type { Db } from "../../infra/db.server";
import type { CommunitySummary } from "../communities/community-list.server";
import { forbidden } from "../errors";
import type { Actor } from "../permissions";
import { requirePermission } from "../permissions";

/** The community a new meeting is planned in: the one the person works in, if they may plan meetings there. */
export function planningCommunity(actor: Actor, community: CommunitySummary | null): CommunitySummary {
  if (!community) throw forbidden();
  requirePermission(actor, "manage:meeting", { communityId: community.id, streetId: community.streetId });
  return community;
}

/** The planning form: who may host (hosts first, then staff), and who is chosen unless changed. */
export async function newMeetingPage(db: Db, actor: Actor, chosen: CommunitySummary | null) {
  const community = planningCommunity(actor, chosen);
  const hosts = await db.membership.findMany({
    where: { communityId: community.id, role: { in: ["meeting_host", "community_staff"] } },
    select: { userId: true, role: true, user: { select: { displayName: true } } },
    orderBy: { role: "asc" },
  });
  const seen = new Set<string>();
  return {
    community,
    hosts: hosts
      .filter((h) => !seen.has(h.userId) && seen.add(h.userId))
      .map((h) => ({ id: h.userId, name: h.user.displayName, role: h.role })),
    defaultHostId: hosts.find((h) => h.role === "meeting_host")?.userId ?? actor.id,
  };
}
