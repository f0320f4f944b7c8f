import { forbidden, unauthenticated } from "./errors";
import type { CommunityRole, Role } from "./roles";

/**
 * The one place where access is decided, for HTTP routes and socket events alike.
 *
 * An action is `verb:entity`. A role either may do it in its own community ("community"), may do it only
 * on things that belong to its unit ("own-unit") or to meetings it hosts ("own-meeting"), or may not.
 * Street admins may do everything staff may, in every community of their street.
 */
export const ACTIONS = [
  "view:staff-dashboard",
  "switch:community",
  "raise:issue",
  "follow:issue",
  "triage:issue",
  "export:issues",
  "view:unpublished-photos",
  "create:action-item",
  "update:action-item",
  "acknowledge:escalation",
  "respond:acceptance",
  "manage:meeting",
  "host:meeting",
  "check-in:participant",
  "join:meeting",
  "comment:meeting",
  "post:expert-opinion",
  "moderate:content",
  "record:decision",
  "edit:minutes",
  "review:minutes",
  "sign-off:minutes",
  "publish:minutes",
  "file:objection",
  "answer:objection",
  "manage:units",
  "manage:community",
  "edit:unit-lists",
  "edit:community-lists",
  "request:unit-match",
  "answer:unit-match",
  "update:joint-project",
  "manage:people",
  "verify:resident",
  "view:personal-info",
  "assist:resident",
  "view:audit",
  "register:volunteer",
  "claim:volunteer-post",
  "manage:volunteer-posts",
  "confirm:volunteer-registration",
  "confirm:volunteer-hours",
  "post:wish",
  "approve:wish",
  "claim:wish",
  "claim:wish-for-unit",
] as const;
export type Action = (typeof ACTIONS)[number];

type Access = "community" | "own-unit" | "own-meeting" | "own-report" | "own-grid";

/** Rows: actions. Columns: roles. A missing entry means "no". */
const RULES: Record<Action, Partial<Record<CommunityRole, Access>>> = {
  "view:staff-dashboard": { community_staff: "community", meeting_host: "community" },
  "switch:community": {
    community_staff: "community",
    meeting_host: "community",
    grid_worker: "community",
    resident: "community",
    unit_rep: "community",
    expert: "community",
  },
  "raise:issue": { community_staff: "community", grid_worker: "community", resident: "community" },
  "follow:issue": {
    community_staff: "community",
    meeting_host: "community",
    grid_worker: "community",
    resident: "community",
    unit_rep: "community",
    expert: "community",
  },
  "triage:issue": { community_staff: "community" },
  "export:issues": { community_staff: "community" },
  // Photos of an issue not yet accepted (or refused): its reporter and the staff who triage it.
  "view:unpublished-photos": { community_staff: "community", grid_worker: "own-report", resident: "own-report" },
  "create:action-item": { community_staff: "community", meeting_host: "own-meeting" },
  "update:action-item": { community_staff: "community", unit_rep: "own-unit" },
  "acknowledge:escalation": { unit_rep: "own-unit" },
  "respond:acceptance": { grid_worker: "community", resident: "community" },
  "manage:meeting": { community_staff: "community" },
  "host:meeting": { community_staff: "community", meeting_host: "own-meeting" },
  "check-in:participant": { community_staff: "community", meeting_host: "own-meeting" },
  "join:meeting": {
    community_staff: "community",
    meeting_host: "community",
    grid_worker: "community",
    resident: "community",
    unit_rep: "community",
    expert: "community",
  },
  "comment:meeting": {
    community_staff: "community",
    meeting_host: "community",
    grid_worker: "community",
    resident: "community",
    unit_rep: "community",
    expert: "community",
  },
  "post:expert-opinion": { expert: "community" },
  "moderate:content": { community_staff: "community", meeting_host: "own-meeting" },
  "record:decision": { community_staff: "community", meeting_host: "own-meeting" },
  "edit:minutes": { community_staff: "community" },
  "review:minutes": {
    community_staff: "community",
    meeting_host: "community",
    resident: "community",
    unit_rep: "community",
    expert: "community",
  },
  "sign-off:minutes": { meeting_host: "own-meeting" },
  "publish:minutes": { community_staff: "community" },
  "file:objection": { grid_worker: "community", resident: "community", unit_rep: "community", expert: "community" },
  "answer:objection": { community_staff: "community" },
  "manage:units": { community_staff: "community" },
  "manage:community": { community_staff: "community" },
  // The three lists (三张清单): a unit's own resources and needs are kept by its representatives (and the
  // staff of the community it belongs to); the community's needs and projects by its staff.
  "edit:unit-lists": { community_staff: "community", unit_rep: "own-unit" },
  "edit:community-lists": { community_staff: "community" },
  // Two-way claiming (双向认领): staff ask a unit; the unit's representatives answer, or offer the unit themselves.
  "request:unit-match": { community_staff: "community" },
  "answer:unit-match": { unit_rep: "own-unit" },
  "update:joint-project": { community_staff: "community", unit_rep: "own-unit" },
  // The resident roll, invitation letters, roles (issue #12).
  "manage:people": { community_staff: "community" },
  // Self-registrations are checked at the door by the grid's worker, or in the office by staff.
  "verify:resident": { community_staff: "community", grid_worker: "own-grid" },
  // Phone numbers and addresses: staff of the community and the worker of the person's grid only.
  "view:personal-info": { community_staff: "community", grid_worker: "own-grid" },
  // Assisted participation (代办): acting in the name of a resident without a phone, with their consent.
  "assist:resident": { community_staff: "community", grid_worker: "own-grid" },
  "view:audit": { community_staff: "community" },
  // 双报到: anyone who lives or works in the community registers; staff confirm and publish the posts.
  // Claiming a post or a wish also needs a confirmed registration (checked by the volunteering domain).
  "register:volunteer": {
    community_staff: "community",
    meeting_host: "community",
    grid_worker: "community",
    resident: "community",
    unit_rep: "community",
  },
  "claim:volunteer-post": {
    community_staff: "community",
    meeting_host: "community",
    grid_worker: "community",
    resident: "community",
    unit_rep: "community",
  },
  "manage:volunteer-posts": { community_staff: "community" },
  "confirm:volunteer-registration": { community_staff: "community" },
  // Hours are confirmed by the office, never by the volunteer or their unit.
  "confirm:volunteer-hours": { community_staff: "community" },
  // 微心愿: a resident posts their own; a grid worker posts for residents of the grid; staff for anyone.
  "post:wish": { community_staff: "community", grid_worker: "community", resident: "community" },
  "approve:wish": { community_staff: "community" },
  "claim:wish": {
    community_staff: "community",
    meeting_host: "community",
    grid_worker: "community",
    resident: "community",
    unit_rep: "community",
  },
  "claim:wish-for-unit": { unit_rep: "own-unit" },
};

/** Street admins act as staff everywhere in their street, except where a personal role is the point. */
const STREET_ADMIN_EXCLUDED: ReadonlySet<Action> = new Set<Action>([
  "acknowledge:escalation",
  "respond:acceptance",
  "post:expert-opinion",
  "sign-off:minutes",
  "file:objection",
  // Only a unit speaks for itself when it accepts, declines or offers.
  "answer:unit-match",
  // A volunteer registers and claims for themselves; a unit claims through its own representatives.
  "register:volunteer",
  "claim:volunteer-post",
  "claim:wish",
  "claim:wish-for-unit",
]);

export interface ActorMembership {
  communityId: string;
  streetId: string;
  role: CommunityRole;
  isResidentRep: boolean;
  unitId: string | null;
  gridId: string | null;
}

export interface Actor {
  id: string;
  streetAdminOfId: string | null;
  memberships: ActorMembership[];
}

export interface Resource {
  communityId: string;
  streetId: string;
  /** The unit that owns the thing (an action item's owner, an escalation's department). */
  unitId?: string | null;
  /** The host of the meeting the thing belongs to. */
  hostId?: string | null;
  /** The person who raised the issue the thing belongs to. */
  reporterId?: string | null;
  /** The grid the thing (a resident's record) belongs to. */
  gridId?: string | null;
}

export function can(actor: Actor | null | undefined, action: Action, resource: Resource): boolean {
  if (!actor) return false;
  if (actor.streetAdminOfId === resource.streetId && !STREET_ADMIN_EXCLUDED.has(action)) return true;
  const rule = RULES[action];
  return actor.memberships.some((membership) => {
    if (membership.communityId !== resource.communityId) return false;
    const access = rule[membership.role];
    switch (access) {
      case "community":
        return true;
      case "own-unit":
        return !!membership.unitId && membership.unitId === resource.unitId;
      case "own-meeting":
        return !!resource.hostId && resource.hostId === actor.id;
      case "own-report":
        return !!resource.reporterId && resource.reporterId === actor.id;
      case "own-grid":
        return !!membership.gridId && membership.gridId === resource.gridId;
      default:
        return false;
    }
  });
}

/**
 * The check every loader, action, use case and socket event makes before acting (ADR 0016): nobody signed
 * in is `unauthenticated` (pages send them to sign in), anyone else without the right is `forbidden`, with
 * the area's own message when one is given.
 */
export function requirePermission(
  actor: Actor | null | undefined,
  action: Action,
  resource: Resource,
  forbiddenKey = "errors.forbidden",
): asserts actor is Actor {
  if (!actor) throw unauthenticated();
  if (!can(actor, action, resource)) throw forbidden(forbiddenKey);
}

/** Roles the actor holds in a community (street admin included), for choosing a home page. */
export function rolesIn(actor: Actor, community: { id: string; streetId: string }): Role[] {
  const roles: Role[] = [];
  if (actor.streetAdminOfId === community.streetId) roles.push("street_admin");
  for (const m of actor.memberships) if (m.communityId === community.id && !roles.includes(m.role)) roles.push(m.role);
  return roles;
}
