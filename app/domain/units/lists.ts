import type { Actor, Resource } from "../permissions";
import { can, requirePermission } from "../permissions";

/** What a resource offers or a need asks for (资源/需求类别): the first thing matching compares. */
export const LIST_CATEGORIES = ["venue", "equipment", "expertise", "volunteers", "funding", "service"] as const;
export type ListCategory = (typeof LIST_CATEGORIES)[number];

/** A unit's two lists; the community's needs and projects have models of their own. */
export const UNIT_LISTS = ["resource", "need"] as const;
export type UnitList = (typeof UNIT_LISTS)[number];

export function isListCategory(value: string): value is ListCategory {
  return (LIST_CATEGORIES as readonly string[]).includes(value);
}

export interface UnitPlace {
  id: string;
  streetId: string;
  communityId: string | null;
}

/**
 * The places a permission about a unit is asked in: the community the unit belongs to, and every community
 * where the person represents this unit (a district bureau belongs to no community but has representatives
 * in several).
 */
export function unitResources(actor: Actor | null | undefined, unit: UnitPlace): Resource[] {
  const communities = new Set<string>();
  if (unit.communityId) communities.add(unit.communityId);
  for (const m of actor?.memberships ?? []) if (m.unitId === unit.id && m.streetId === unit.streetId) communities.add(m.communityId);
  // A street admin is asked in the unit's street even when the unit belongs to no community.
  if (communities.size === 0) communities.add("");
  return [...communities].map((communityId) => ({ communityId, streetId: unit.streetId, unitId: unit.id }));
}

export function canForUnit(
  actor: Actor | null | undefined,
  action: "edit:unit-lists" | "answer:unit-match" | "update:joint-project",
  unit: UnitPlace,
) {
  return unitResources(actor, unit).some((resource) => can(actor, action, resource));
}

/** requirePermission for something that belongs to a unit (see unitResources). */
export function requireForUnit(
  actor: Actor | null | undefined,
  action: "edit:unit-lists" | "answer:unit-match" | "update:joint-project",
  unit: UnitPlace,
): asserts actor is Actor {
  const resources = unitResources(actor, unit);
  const allowed = resources.find((resource) => can(actor, action, resource));
  requirePermission(actor, action, allowed ?? resources[0]!, "units:errors.not_your_unit");
}
