import type { Actor } from "../domain/permissions";
import { canAssistIn } from "../domain/assisted/helpers";
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
/**
 * The one link to highlight for an address: the longest that contains it. /people/verify is "verify", not
 * also "people" (whose pages, such as /people/<id>, it still covers).
 */
export function activeNavLink(links: readonly NavLink[], pathname: string): string | null {
  let best: NavLink | null = null;
  for (const link of links) {
    const covers = pathname === link.to || (!link.end && pathname.startsWith(link.to.endsWith("/") ? link.to : `${link.to}/`));
    if (covers && (!best || link.to.length > best.to.length)) best = link;
  }
  return best?.to ?? null;
}

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
    if (canAssistIn(user, community)) links.push({ to: "/people/assist", label: "nav.assist" });
    if (can(user, "manage:units", resource)) links.push({ to: "/admin/units", label: "nav.manage_units" });
    if (can(user, "manage:community", resource)) links.push({ to: "/admin/grids", label: "nav.manage_grids" });
    if (can(user, "view:audit", resource)) links.push({ to: "/audit", label: "nav.audit" });
  }
  if (user?.streetAdminOfId) links.push({ to: "/street", label: "nav.street" });
  links.push({ to: "/units", label: "nav.units" });
  return links;
}
