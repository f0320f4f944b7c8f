import type { Clock } from "../../infra/clock";
import type { Db, Tx } from "../../infra/db.server";
import { audit } from "../audit.server";
import { requireCommunityBySlug } from "../communities/community-list.server";
import { conflict, notFound } from "../errors";
import { notify } from "../notifications/notify.server";
import type { Actor } from "../permissions";
import { can, requirePermission } from "../permissions";
import { scorecard } from "../units/scorecard";
import { ratingsOf, scoredItemsOf } from "../units/unit-page.server";
import { keywordsOf } from "./keywords.server";
import type { MatchReason } from "./rank";
import { rankUnitsForNeed } from "./rank";

export interface NeedInput {
  titleZh: string;
  titleEn?: string;
  category: string;
  description?: string;
  areaId?: string;
  /** The resident's issue the need is taken from (issue #13: issue → need). */
  issueId?: string;
}

type CommunityRef = { id: string; streetId: string };

const staffResource = (community: CommunityRef) => ({ communityId: community.id, streetId: community.streetId });

/** The community's needs list and project list (社区需求清单、项目清单), public; staff may add and close needs. */
/**
 * What staff start a need from when they turn a resident's issue into one: its title, description and the
 * issue's id (null when the number is not an issue of this community, or it already became a need).
 */
export async function needDraftFromIssue(db: Db, communityId: string, issueNumber: number) {
  const issue = await db.issue.findFirst({
    where: { communityId, number: issueNumber },
    select: { id: true, number: true, title: true, description: true },
  });
  if (!issue) return null;
  const already = await db.communityNeed.findFirst({ where: { issueId: issue.id }, select: { id: true } });
  return {
    issueId: issue.id,
    number: issue.number,
    alreadyNeedId: already?.id ?? null,
    titleZh: issue.title.slice(0, 60),
    description: (issue.description ?? "").slice(0, 500),
  };
}

export async function communityListsPage(db: Db, viewer: Actor | null, slug: string) {
  const community = await requireCommunityBySlug(db, slug);
  const canEdit = can(viewer, "edit:community-lists", staffResource(community));
  const [needs, projects, areas] = await Promise.all([
    db.communityNeed.findMany({
      where: { communityId: community.id, status: { in: ["open", "matched"] } },
      orderBy: { createdAt: "desc" },
      take: 200,
      select: {
        id: true,
        titleZh: true,
        titleEn: true,
        category: true,
        description: true,
        status: true,
        area: { select: { nameZh: true, nameEn: true } },
        _count: { select: { matches: { where: { status: "pending" } } } },
      },
    }),
    db.jointProject.findMany({
      where: { communityId: community.id },
      orderBy: [{ status: "asc" }, { createdAt: "desc" }],
      take: 200,
      select: {
        id: true,
        titleZh: true,
        titleEn: true,
        status: true,
        progress: true,
        units: { select: { unit: { select: { id: true, nameZh: true, nameEn: true } } } },
      },
    }),
    canEdit ? db.area.findMany({ where: { streetId: community.streetId }, select: { id: true, nameZh: true, nameEn: true } }) : [],
  ]);
  return {
    community,
    needs: needs.map(({ _count, ...need }) => ({ ...need, pending: _count.matches })),
    projects: projects.map(({ units, ...project }) => ({ ...project, units: units.map((link) => link.unit) })),
    areas,
    canEdit,
  };
}

export async function addCommunityNeed(db: Db, clock: Clock, actor: Actor | null, community: CommunityRef, input: NeedInput) {
  requirePermission(actor, "edit:community-lists", staffResource(community));
  if (input.areaId) {
    const area = await db.area.findFirst({ where: { id: input.areaId, streetId: community.streetId }, select: { id: true } });
    if (!area) throw notFound("units:errors.area_not_found");
  }
  const open = await db.communityNeed.count({ where: { communityId: community.id, status: "open" } });
  if (open >= 200) throw conflict("units:errors.too_many_needs");
  if (input.issueId) {
    const issue = await db.issue.findFirst({ where: { id: input.issueId, communityId: community.id }, select: { id: true } });
    if (!issue) throw notFound("units:errors.issue_not_found");
    const already = await db.communityNeed.findFirst({ where: { issueId: input.issueId }, select: { id: true } });
    if (already) throw conflict("units:errors.issue_already_need");
  }
  return db.$transaction(async (tx) => {
    const need = await tx.communityNeed.create({
      data: {
        communityId: community.id,
        titleZh: input.titleZh,
        titleEn: input.titleEn ?? input.titleZh,
        category: input.category,
        description: input.description ?? null,
        areaId: input.areaId ?? null,
        issueId: input.issueId ?? null,
        createdById: actor.id,
        createdAt: clock.now(),
      },
    });
    // Linked both ways: the issue's timeline says it became a need, and links to it.
    if (input.issueId) {
      await tx.issueEvent.create({
        data: {
          issueId: input.issueId,
          actorId: actor.id,
          type: "need_created",
          data: JSON.stringify({ needId: need.id }),
          createdAt: clock.now(),
        },
      });
    }
    await audit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "need.add",
      entityType: "CommunityNeed",
      entityId: need.id,
      ...(input.issueId ? { data: { issueId: input.issueId } } : {}),
      at: clock.now(),
    });
    return need;
  });
}

export async function closeCommunityNeed(db: Db, clock: Clock, actor: Actor | null, community: CommunityRef, needId: string) {
  requirePermission(actor, "edit:community-lists", staffResource(community));
  const closed = await db.communityNeed.updateMany({ where: { id: needId, communityId: community.id }, data: { status: "closed" } });
  if (closed.count === 0) throw notFound("units:errors.need_not_found");
  await audit(db, {
    actorId: actor.id,
    communityId: community.id,
    action: "need.close",
    entityType: "CommunityNeed",
    entityId: needId,
    at: clock.now(),
  });
}

async function findNeed(db: Db | Tx, needId: string) {
  const need = await db.communityNeed.findUnique({
    where: { id: needId },
    select: {
      id: true,
      titleZh: true,
      titleEn: true,
      category: true,
      description: true,
      status: true,
      areaId: true,
      issueId: true,
      area: { select: { nameZh: true, nameEn: true } },
      community: { select: { id: true, slug: true, streetId: true, nameZh: true, nameEn: true } },
    },
  });
  if (!need) throw notFound("units:errors.need_not_found");
  return need;
}

/** Units of the street whose resources fit the need, ranked, each with its reasons (see rank.ts). */
export async function suggestUnitsForNeed(
  db: Db,
  clock: Clock,
  need: { category: string; titleZh: string; titleEn: string; description: string | null; areaId: string | null },
  streetId: string,
) {
  const units = await db.unit.findMany({
    where: { streetId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      nameZh: true,
      nameEn: true,
      areaId: true,
      listItems: {
        where: { list: "resource" },
        select: { id: true, titleZh: true, titleEn: true, description: true, category: true, quantity: true },
      },
    },
  });
  const unitIds = units.map((u) => u.id);
  const [items, ratings] = await Promise.all([scoredItemsOf(db, unitIds), ratingsOf(db, unitIds)]);
  const now = clock.now();
  const ranked = rankUnitsForNeed(
    { category: need.category, areaId: need.areaId, keywords: keywordsOf(`${need.titleZh} ${need.titleEn} ${need.description ?? ""}`) },
    units.map((unit) => ({
      id: unit.id,
      areaId: unit.areaId,
      onTimeRate: scorecard(
        items.filter((item) => item.unitId === unit.id),
        now,
        ratings.get(unit.id) ?? { satisfied: 0, answers: 0 },
        [],
      ).onTimeRate,
      resources: unit.listItems.map((item) => ({
        ...item,
        keywords: keywordsOf(`${item.titleZh} ${item.titleEn} ${item.description ?? ""}`),
      })),
    })),
  );
  const byId = new Map(units.map((u) => [u.id, u]));
  return ranked.map((r) => ({ ...r, unit: { id: r.unitId, nameZh: byId.get(r.unitId)!.nameZh, nameEn: byId.get(r.unitId)!.nameEn } }));
}

/**
 * A need's page. Everyone sees the need and the units working on it; staff also see the ranked suggestions
 * and every request and offer; a unit's representative sees whether their unit may offer itself.
 */
export async function needPage(db: Db, clock: Clock, viewer: Actor | null, needId: string) {
  const need = await findNeed(db, needId);
  const isStaff = can(viewer, "request:unit-match", staffResource(need.community));
  const ownUnits = (viewer?.memberships ?? []).filter((m) => m.communityId === need.community.id && m.role === "unit_rep" && m.unitId);
  const [matches, projects, suggestions, streetUnits] = await Promise.all([
    db.unitMatch.findMany({
      where: isStaff ? { needId } : { needId, OR: [{ status: "accepted" }, { unitId: { in: ownUnits.map((m) => m.unitId!) } }] },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        direction: true,
        status: true,
        note: true,
        reason: true,
        createdAt: true,
        decidedAt: true,
        unit: { select: { id: true, nameZh: true, nameEn: true } },
      },
    }),
    db.jointProject.findMany({ where: { needId }, select: { id: true, titleZh: true, titleEn: true, status: true, progress: true } }),
    isStaff && need.status === "open" ? suggestUnitsForNeed(db, clock, need, need.community.streetId) : Promise.resolve([]),
    isStaff
      ? db.unit.findMany({
          where: { streetId: need.community.streetId },
          select: { id: true, nameZh: true, nameEn: true },
          orderBy: { createdAt: "asc" },
        })
      : [],
  ]);
  const matchedUnits = new Set(matches.map((m) => m.unit.id));
  const offerableUnits =
    need.status === "open"
      ? await db.unit.findMany({
          where: { id: { in: ownUnits.map((m) => m.unitId!).filter((id) => !matchedUnits.has(id)) } },
          select: { id: true, nameZh: true, nameEn: true },
        })
      : [];
  // The issue the need came from, linked by its public number (the issue page links back through its timeline).
  const issue = need.issueId ? await db.issue.findUnique({ where: { id: need.issueId }, select: { number: true, title: true } }) : null;
  return {
    need,
    issue,
    matches,
    projects,
    suggestions: suggestions.map((s) => ({ ...s, alreadyAsked: matchedUnits.has(s.unitId) })),
    streetUnits: streetUnits.filter((u) => !matchedUnits.has(u.id)),
    offerableUnits,
    isStaff,
  };
}

export type SuggestionReason = MatchReason;

async function repsOf(db: Db | Tx, unitId: string, communityId: string) {
  const reps = await db.membership.findMany({
    where: { unitId, role: "unit_rep", communityId, user: { disabledAt: null } },
    select: { userId: true },
  });
  return reps.map((r) => r.userId);
}

async function staffOf(db: Db | Tx, communityId: string) {
  const staff = await db.membership.findMany({
    where: { communityId, role: "community_staff", user: { disabledAt: null } },
    select: { userId: true },
  });
  return staff.map((s) => s.userId);
}

const needLink = (needId: string) => `/needs/${needId}`;

async function createMatch(
  db: Db,
  clock: Clock,
  actor: Actor,
  need: Awaited<ReturnType<typeof findNeed>>,
  unit: { id: string; nameZh: string },
  direction: "request" | "offer",
  note: string | undefined,
) {
  if (need.status !== "open") throw conflict("units:errors.need_not_open");
  return db.$transaction(async (tx) => {
    const existing = await tx.unitMatch.findUnique({
      where: { needId_unitId: { needId: need.id, unitId: unit.id } },
      select: { id: true },
    });
    if (existing) throw conflict("units:errors.already_matched");
    const match = await tx.unitMatch.create({
      data: { needId: need.id, unitId: unit.id, direction, note: note ?? null, createdById: actor.id, createdAt: clock.now() },
    });
    await audit(tx, {
      actorId: actor.id,
      communityId: need.community.id,
      action: `match.${direction}`,
      entityType: "UnitMatch",
      entityId: match.id,
      at: clock.now(),
    });
    const recipients = direction === "request" ? await repsOf(tx, unit.id, need.community.id) : await staffOf(tx, need.community.id);
    const notified = await notify(
      tx,
      recipients.filter((id) => id !== actor.id),
      {
        type: direction === "request" ? "unit_match_requested" : "unit_match_offered",
        dedupeKey: `unit-match:${direction}:${match.id}`,
        data: { need: need.titleZh, needEn: need.titleEn, unit: unit.nameZh },
        link: direction === "request" ? `/units/${unit.id}` : needLink(need.id),
      },
      clock.now(),
    );
    return { match, notified };
  });
}

/** Staff ask a unit to take on a need (one request per unit and need). */
export async function requestUnitForNeed(
  db: Db,
  clock: Clock,
  actor: Actor | null,
  needId: string,
  input: { unitId: string; note?: string },
) {
  const need = await findNeed(db, needId);
  requirePermission(actor, "request:unit-match", staffResource(need.community));
  const unit = await db.unit.findFirst({
    where: { id: input.unitId, streetId: need.community.streetId },
    select: { id: true, nameZh: true },
  });
  if (!unit) throw notFound("units:errors.unit_not_found");
  return createMatch(db, clock, actor, need, unit, "request", input.note);
}

/** A unit offers itself for a need of a community where the person represents it (双向认领). */
export async function offerUnitForNeed(
  db: Db,
  clock: Clock,
  actor: Actor | null,
  unitId: string,
  input: { needId: string; note?: string },
) {
  const need = await findNeed(db, input.needId);
  const unit = await db.unit.findFirst({ where: { id: unitId, streetId: need.community.streetId }, select: { id: true, nameZh: true } });
  if (!unit) throw notFound("units:errors.unit_not_found");
  requirePermission(actor, "answer:unit-match", { ...staffResource(need.community), unitId: unit.id }, "units:errors.not_your_unit");
  return createMatch(db, clock, actor, need, unit, "offer", input.note);
}

/**
 * The other side answers: a unit answers staff's request, staff answer a unit's offer. An accepted match
 * makes the unit an owner of the need's joint project, started by the first acceptance.
 */
async function answerMatch(
  db: Db,
  clock: Clock,
  actor: Actor,
  match: { id: string; unitId: string; createdById: string; need: Awaited<ReturnType<typeof findNeed>>; unit: { nameZh: string } },
  answer: { accept: true; note?: string } | { accept: false; reason: string },
) {
  const now = clock.now();
  return db.$transaction(async (tx) => {
    const changed = await tx.unitMatch.updateMany({
      where: { id: match.id, status: "pending" },
      data: {
        status: answer.accept ? "accepted" : "declined",
        reason: answer.accept ? (answer.note ?? null) : answer.reason,
        decidedById: actor.id,
        decidedAt: now,
      },
    });
    if (changed.count === 0) throw conflict("units:errors.already_answered");
    let projectId: string | null = null;
    if (answer.accept) {
      const existing = await tx.jointProject.findFirst({ where: { needId: match.need.id, status: "active" }, select: { id: true } });
      const project =
        existing ??
        (await tx.jointProject.create({
          data: {
            communityId: match.need.community.id,
            needId: match.need.id,
            titleZh: match.need.titleZh,
            titleEn: match.need.titleEn,
            description: match.need.description,
            createdAt: now,
          },
          select: { id: true },
        }));
      projectId = project.id;
      await tx.jointProjectUnit.upsert({
        where: { projectId_unitId: { projectId: project.id, unitId: match.unitId } },
        create: { projectId: project.id, unitId: match.unitId },
        update: {},
      });
      await tx.communityNeed.updateMany({ where: { id: match.need.id, status: "open" }, data: { status: "matched" } });
    }
    await audit(tx, {
      actorId: actor.id,
      communityId: match.need.community.id,
      action: answer.accept ? "match.accept" : "match.decline",
      entityType: "UnitMatch",
      entityId: match.id,
      at: now,
    });
    const notified = await notify(
      tx,
      [match.createdById].filter((id) => id !== actor.id),
      {
        type: answer.accept ? "unit_match_accepted" : "unit_match_declined",
        dedupeKey: `unit-match:answer:${match.id}`,
        data: { need: match.need.titleZh, needEn: match.need.titleEn, unit: match.unit.nameZh, reason: answer.accept ? "" : answer.reason },
        link: projectId ? `/projects/${projectId}` : needLink(match.need.id),
      },
      now,
    );
    return { projectId, notified };
  });
}

async function findMatch(db: Db, matchId: string) {
  const match = await db.unitMatch.findUnique({
    where: { id: matchId },
    select: { id: true, unitId: true, direction: true, status: true, createdById: true, needId: true, unit: { select: { nameZh: true } } },
  });
  if (!match) throw notFound("units:errors.match_not_found");
  return { ...match, need: await findNeed(db, match.needId) };
}

/** A unit's representative accepts or declines staff's request. */
export async function answerRequestAsUnit(
  db: Db,
  clock: Clock,
  actor: Actor | null,
  unitId: string,
  matchId: string,
  answer: { accept: true; note?: string } | { accept: false; reason: string },
) {
  const match = await findMatch(db, matchId);
  if (match.unitId !== unitId || match.direction !== "request") throw notFound("units:errors.match_not_found");
  requirePermission(actor, "answer:unit-match", { ...staffResource(match.need.community), unitId }, "units:errors.not_your_unit");
  return answerMatch(db, clock, actor, match, answer);
}

/** Staff accept or decline a unit's offer. */
export async function answerOfferAsStaff(
  db: Db,
  clock: Clock,
  actor: Actor | null,
  needId: string,
  matchId: string,
  answer: { accept: true } | { accept: false; reason: string },
) {
  const match = await findMatch(db, matchId);
  if (match.needId !== needId || match.direction !== "offer") throw notFound("units:errors.match_not_found");
  requirePermission(actor, "request:unit-match", staffResource(match.need.community));
  return answerMatch(db, clock, actor, match, answer);
}
