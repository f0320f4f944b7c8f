import type { Actor } from "../domain/permissions";
import { canVerifyIn } from "../domain/enrolment/checkers";
import { can } from "../domain/permissions";
import { representedUnitId } from "../domain/units/representative";

export interface NavLink {
  to: string;
  /** Translation key in the common namespace (the header loads no other). */
  label: string;
  /** Highlighted only on this exact address, not on the pages below it (the community's front page). */
  end?: boolean;
}

type CommunityRef = { id: string; slug: string; streetId: string };

/** The community a public page belongs to, read from its address (/c/<slug>/…). */
export function communitySlugInPath(pathname: string): string | null {
  return /^\/c\/([^/]+)/.exec(pathname)?.[1] ?? null;
}

/**
 * The header's links: what this person can do in the community they are looking at. Visitors who are not
 * signed in get the public pages of the community whose page they are on.
 */
export function navigationFor(user: Actor | null, community: CommunityRef | null): NavLink[] {
  const links: NavLink[] = [];
  if (community) {
    links.push({ to: `/c/${community.slug}`, label: "nav.community", end: true });
    links.push({ to: `/c/${community.slug}/issues`, label: "nav.issues" });
    links.push({ to: `/c/${community.slug}/needs`, label: "nav.needs" });
    links.push({ to: `/c/${community.slug}/wishes`, label: "nav.wishes" });
  }
  if (user && community) {
    const resource = { communityId: community.id, streetId: community.streetId };
    if (can(user, "raise:issue", resource)) links.push({ to: "/issues/new", label: "nav.raise_issue" });
    if (can(user, "triage:issue", resource)) links.push({ to: "/triage", label: "nav.triage" });
    if (can(user, "view:staff-dashboard", resource)) links.push({ to: "/dashboard", label: "nav.dashboard" });
    if (representedUnitId(user, community.id)) links.push({ to: "/unit", label: "nav.our_action_items" });
    if (can(user, "join:meeting", resource)) links.push({ to: "/meetings", label: "nav.meetings" });
    if (can(user, "manage:people", resource)) links.push({ to: "/people", label: "nav.people" });
    if (can(user, "register:volunteer", resource) || can(user, "manage:volunteer-posts", resource))
      links.push({ to: "/volunteering", label: "nav.volunteering" });
    if (canVerifyIn(user, community)) links.push({ to: "/people/verify", label: "nav.verify" });
    if (can(user, "manage:units", resource)) links.push({ to: "/admin/units", label: "nav.manage_units" });
    if (can(user, "view:audit", resource)) links.push({ to: "/audit", label: "nav.audit" });
  }
  if (user?.streetAdminOfId) links.push({ to: "/street", label: "nav.street" });
  links.push({ to: "/units", label: "nav.units" });
  return links;
}
