import type { Actor } from "../permissions";

/** The unit this person represents in the community (its action items and escalations are theirs), or null. */
export function representedUnitId(actor: Actor, communityId: string): string | null {
  return actor.memberships.find((m) => m.communityId === communityId && m.role === "unit_rep" && m.unitId)?.unitId ?? null;
}
