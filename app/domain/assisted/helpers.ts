import type { Actor } from "../permissions";
import { can } from "../permissions";

interface CommunityRef {
  id: string;
  streetId: string;
}

/** The grids whose residents this person may act for: every grid for staff, their own for a grid worker. */
export function assistableGrids(actor: Actor, community: CommunityRef): "all" | string[] {
  if (can(actor, "assist:resident", { communityId: community.id, streetId: community.streetId })) return "all";
  return actor.memberships
    .filter((m) => m.communityId === community.id && m.role === "grid_worker" && m.gridId)
    .map((m) => m.gridId as string);
}

export function canAssistIn(actor: Actor, community: CommunityRef): boolean {
  const grids = assistableGrids(actor, community);
  return grids === "all" || grids.length > 0;
}
