/**
 * Who a person is in a community. A street admin is recorded on the user (they oversee every
 * community of their street); every other role is a Membership of one community.
 */
export const COMMUNITY_ROLES = ["community_staff", "meeting_host", "grid_worker", "resident", "unit_rep", "expert"] as const;
export type CommunityRole = (typeof COMMUNITY_ROLES)[number];

export const ROLES = ["street_admin", ...COMMUNITY_ROLES] as const;
export type Role = (typeof ROLES)[number];

export function isCommunityRole(value: string): value is CommunityRole {
  return (COMMUNITY_ROLES as readonly string[]).includes(value);
}

export const UNIT_KINDS = ["department", "agency", "school", "hospital", "company", "police", "social_org", "other"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** The four sector groups (界别) of Beishan Street's co-building alliance. */
export const SECTOR_GROUPS = ["livelihood", "culture", "governance", "economy"] as const;
export type SectorGroup = (typeof SECTOR_GROUPS)[number];
