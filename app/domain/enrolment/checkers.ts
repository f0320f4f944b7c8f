import type { Actor } from "../permissions";
import { can } from "../permissions";

/**
 * The grids whose registrations this person checks in a community: every grid for staff (and the street's
 * admin), their own grid for a grid worker, none for anyone else.
 */
export function verifiableGrids(actor: Actor, community: { id: string; streetId: string }): "all" | string[] {
  if (can(actor, "verify:resident", { communityId: community.id, streetId: community.streetId })) return "all";
  return actor.memberships
    .filter((m) => m.communityId === community.id && m.role === "grid_worker" && m.gridId)
    .map((m) => m.gridId as string);
}

export function canVerifyIn(actor: Actor, community: { id: string; streetId: string }): boolean {
  const grids = verifiableGrids(actor, community);
  return grids === "all" || grids.length > 0;
}
