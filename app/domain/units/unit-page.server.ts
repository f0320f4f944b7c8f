import type { Clock } from "../../infra/clock";
import type { Db } from "../../infra/db.server";
import { notFound } from "../errors";
import type { Actor } from "../permissions";
import { canForUnit } from "./lists";
import { scorecard } from "./scorecard";
import { unitVolunteeringRecord } from "../volunteering/duties.server";
import { jointAttendanceOf } from "../joint-meetings/series.server";
import { agreementsOfUnit } from "./agreements.server";

/** A unit's action items as the scorecard reads them (the whole record, not a page of it). */
export async function scoredItemsOf(db: Db, unitIds: string[]) {
  return db.actionItem.findMany({
    where: { unitId: { in: unitIds } },
    select: { unitId: true, createdAt: true, dueAt: true, claimedAt: true, doneAt: true, status: true },
  });
}

/** Residents' acceptance answers on issues a unit worked on, counted once per unit. */
export async function ratingsOf(db: Db, unitIds: string[]) {
  const answers = await db.acceptanceResponse.findMany({
    where: { issue: { actionItems: { some: { unitId: { in: unitIds } } } } },
    select: { satisfied: true, issue: { select: { actionItems: { select: { unitId: true } } } } },
  });
  const perUnit = new Map<string, { satisfied: number; answers: number }>();
  for (const answer of answers) {
    for (const unitId of new Set(answer.issue.actionItems.map((item) => item.unitId))) {
      const entry = perUnit.get(unitId) ?? { satisfied: 0, answers: 0 };
      entry.answers++;
      if (answer.satisfied) entry.satisfied++;
      perUnit.set(unitId, entry);
    }
  }
  return perUnit;
}

/**
 * A unit's page: its profile and lists for everyone; its representatives for people signed in; the requests
 * waiting for its answer and the needs it could offer itself for, for those who speak for it.
 */
export async function unitPage(db: Db, clock: Clock, viewer: Actor | null, unitId: string) {
  const unit = await db.unit.findUnique({
    where: { id: unitId },
    select: {
      id: true,
      streetId: true,
      communityId: true,
      nameZh: true,
      nameEn: true,
      kind: true,
      sectorGroup: true,
      contactName: true,
      contactPhone: true,
      area: { select: { nameZh: true, nameEn: true } },
      community: { select: { slug: true, nameZh: true, nameEn: true } },
      street: { select: { nameZh: true, nameEn: true } },
      listItems: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          list: true,
          titleZh: true,
          titleEn: true,
          description: true,
          category: true,
          quantity: true,
          availability: true,
        },
      },
    },
  });
  if (!unit) throw notFound("units:errors.unit_not_found");
  const canEdit = canForUnit(viewer, "edit:unit-lists", unit);
  const speaksForUnit = canForUnit(viewer, "answer:unit-match", unit);
  const signedInHere =
    !!viewer && (viewer.streetAdminOfId === unit.streetId || viewer.memberships.some((m) => m.streetId === unit.streetId));
  const repCommunities = (viewer?.memberships ?? []).filter((m) => m.role === "unit_rep" && m.unitId === unit.id).map((m) => m.communityId);

  const [items, ratings, projectLinks, representatives, pendingMatches, openNeeds] = await Promise.all([
    scoredItemsOf(db, [unit.id]),
    ratingsOf(db, [unit.id]),
    db.jointProjectUnit.findMany({
      where: { unitId: unit.id },
      select: {
        project: {
          select: {
            id: true,
            titleZh: true,
            titleEn: true,
            status: true,
            progress: true,
            community: { select: { nameZh: true, nameEn: true } },
          },
        },
      },
      orderBy: { project: { createdAt: "desc" } },
    }),
    signedInHere
      ? db.membership.findMany({
          where: { unitId: unit.id, role: "unit_rep", user: { disabledAt: null } },
          select: { user: { select: { id: true, displayName: true } }, community: { select: { nameZh: true, nameEn: true } } },
          orderBy: { createdAt: "asc" },
        })
      : Promise.resolve([]),
    speaksForUnit || canEdit
      ? db.unitMatch.findMany({
          where: { unitId: unit.id, status: "pending" },
          orderBy: { createdAt: "desc" },
          select: {
            id: true,
            direction: true,
            note: true,
            createdAt: true,
            need: { select: { id: true, titleZh: true, titleEn: true, community: { select: { nameZh: true, nameEn: true } } } },
          },
        })
      : Promise.resolve([]),
    speaksForUnit
      ? db.communityNeed.findMany({
          where: { communityId: { in: repCommunities }, status: "open", matches: { none: { unitId: unit.id } } },
          orderBy: { createdAt: "desc" },
          take: 20,
          select: { id: true, titleZh: true, titleEn: true, category: true, community: { select: { nameZh: true, nameEn: true } } },
        })
      : Promise.resolve([]),
  ]);
  const projects = projectLinks.map((link) => link.project);
  const [volunteering, jointMeetings, agreements] = await Promise.all([
    unitVolunteeringRecord(db, unit.id),
    jointAttendanceOf(db, [unit.id]),
    agreementsOfUnit(db, clock, viewer, unit),
  ]);
  const { listItems, streetId: _street, communityId: _community, ...profile } = unit;
  return {
    unit: profile,
    resources: listItems.filter((item) => item.list === "resource"),
    needs: listItems.filter((item) => item.list === "need"),
    projects,
    score: scorecard(
      items,
      clock.now(),
      ratings.get(unit.id) ?? { satisfied: 0, answers: 0 },
      projects,
      jointMeetings.get(unit.id) ?? { held: 0, attended: 0 },
    ),
    volunteering,
    representatives: representatives.map((r) => ({ id: r.user.id, name: r.user.displayName, community: r.community })),
    pendingMatches,
    openNeeds,
    canEdit,
    speaksForUnit,
    agreements: agreements.agreements,
    canManageAgreements: agreements.canManage,
  };
}
