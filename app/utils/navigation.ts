import type { Actor } from "../domain/permissions";
import { can } from "../domain/permissions";

export interface NavLink {
  to: string;
  /** Translation key in the common namespace. */
  label: string;
}

/** The header's links: what this person can do in the community they are looking at. */
export function navigationFor(
  user: Actor | null,
  community: { id: string; slug: string; streetId: string } | null,
): NavLink[] {
  const links: NavLink[] = [];
  if (!user || !community) {
    links.push({ to: "/units", label: "nav.units" });
    return links;
  }
  const resource = { communityId: community.id, streetId: community.streetId };
  links.push({ to: `/c/${community.slug}/issues`, label: "nav.issues" });
  if (can(user, "raise:issue", resource)) links.push({ to: "/issues/new", label: "nav.raise_issue" });
  if (can(user, "triage:issue", resource)) links.push({ to: "/triage", label: "nav.triage" });
  const myUnit = user.memberships.find((m) => m.communityId === community.id && m.role === "unit_rep" && m.unitId);
  if (myUnit) links.push({ to: "/unit", label: "nav.our_action_items" });
  if (can(user, "join:meeting", resource)) links.push({ to: "/meetings", label: "nav.meetings" });
  links.push({ to: "/units", label: "nav.units" });
  return links;
}
