import type { Clock } from "../../infra/clock";
import type { Db, Tx } from "../../infra/db.server";
import { chinaDateString } from "../../infra/time";
import { audit } from "../audit.server";
import { invalid } from "../errors";
import type { Actor } from "../permissions";
import { requirePermission } from "../permissions";
import type { ServiceLevelCommand } from "../../schemas/service-levels";
import type { Levels } from "./levels";
import { DEFAULT_LEVELS } from "./levels";

/** Local closures from a month back on (enough for any open deadline), as yyyy-mm-dd dates. */
export async function closuresOf(db: Db | Tx, communityId: string, now: Date): Promise<Set<string>> {
  const from = chinaDateString(new Date(now.getTime() - 31 * 86_400_000));
  const rows = await db.localClosure.findMany({ where: { communityId, date: { gte: from } }, select: { date: true } });
  return new Set(rows.map((r) => r.date));
}

export async function levelsOfCategory(db: Db | Tx, categoryId: string): Promise<Levels> {
  const row = await db.serviceLevel.findUnique({ where: { categoryId } });
  if (!row) return DEFAULT_LEVELS;
  return {
    unit: row.unit === "hours" ? "hours" : "working_days",
    triage: row.triage,
    acknowledge: row.acknowledge,
    firstAction: row.firstAction,
    resolution: row.resolution,
  };
}

type CommunityRef = { id: string; streetId: string };

/** Staff's service-level page: every active category with its levels, and the local closures ahead. */
export async function serviceLevelsPage(db: Db, clock: Clock, actor: Actor, community: CommunityRef) {
  requirePermission(actor, "manage:community", { communityId: community.id, streetId: community.streetId });
  const [categories, closures] = await Promise.all([
    db.issueCategory.findMany({
      where: { communityId: community.id, archivedAt: null },
      orderBy: { position: "asc" },
      select: { id: true, nameZh: true, nameEn: true, serviceLevel: true },
    }),
    db.localClosure.findMany({
      where: { communityId: community.id, date: { gte: chinaDateString(clock.now()) } },
      orderBy: { date: "asc" },
      select: { id: true, date: true, reason: true },
    }),
  ]);
  return {
    categories: categories.map((c) => ({
      id: c.id,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      levels: c.serviceLevel
        ? {
            unit: c.serviceLevel.unit,
            triage: c.serviceLevel.triage,
            acknowledge: c.serviceLevel.acknowledge,
            firstAction: c.serviceLevel.firstAction,
            resolution: c.serviceLevel.resolution,
          }
        : DEFAULT_LEVELS,
      isDefault: !c.serviceLevel,
    })),
    closures,
    today: chinaDateString(clock.now()),
  };
}

/** Sets a category's levels; issues already raised keep the levels they recorded. */
export async function setServiceLevel(db: Db, clock: Clock, actor: Actor, community: CommunityRef, categoryId: string, levels: Levels) {
  requirePermission(actor, "manage:community", { communityId: community.id, streetId: community.streetId });
  const category = await db.issueCategory.findFirst({ where: { id: categoryId, communityId: community.id }, select: { id: true } });
  if (!category) throw invalid("issues:errors.category_required");
  const now = clock.now();
  await db.$transaction(async (tx) => {
    await tx.serviceLevel.upsert({
      where: { categoryId },
      create: { categoryId, ...levels, updatedById: actor.id },
      update: { ...levels, updatedById: actor.id },
    });
    await audit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "service_level.set",
      entityType: "IssueCategory",
      entityId: categoryId,
      data: { ...levels },
      at: now,
    });
  });
}

export async function addLocalClosure(
  db: Db,
  clock: Clock,
  actor: Actor,
  community: CommunityRef,
  input: { date: string; reason: string },
) {
  requirePermission(actor, "manage:community", { communityId: community.id, streetId: community.streetId });
  const now = clock.now();
  await db.$transaction(async (tx) => {
    await tx.localClosure.upsert({
      where: { communityId_date: { communityId: community.id, date: input.date } },
      create: { communityId: community.id, date: input.date, reason: input.reason, createdById: actor.id, createdAt: now },
      update: { reason: input.reason },
    });
    await audit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "closure.add",
      entityType: "Community",
      entityId: community.id,
      data: input,
      at: now,
    });
  });
}

export async function removeLocalClosure(db: Db, clock: Clock, actor: Actor, community: CommunityRef, closureId: string) {
  requirePermission(actor, "manage:community", { communityId: community.id, streetId: community.streetId });
  await db.localClosure.deleteMany({ where: { id: closureId, communityId: community.id } });
  await audit(db, {
    actorId: actor.id,
    communityId: community.id,
    action: "closure.remove",
    entityType: "Community",
    entityId: community.id,
    data: { closureId },
    at: clock.now(),
  });
}

/** One post of the service-level page. */
export async function changeServiceLevels(db: Db, clock: Clock, actor: Actor, community: CommunityRef, command: ServiceLevelCommand) {
  switch (command.intent) {
    case "set_level": {
      const { categoryId, unit, triage, acknowledge, firstAction, resolution } = command;
      return setServiceLevel(db, clock, actor, community, categoryId, { unit, triage, acknowledge, firstAction, resolution });
    }
    case "add_closure":
      return addLocalClosure(db, clock, actor, community, { date: command.date, reason: command.reason });
    case "remove_closure":
      return removeLocalClosure(db, clock, actor, community, command.closureId);
  }
}
