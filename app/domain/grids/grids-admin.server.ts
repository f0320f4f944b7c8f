import type { Clock } from "../../infra/clock";
import type { Db } from "../../infra/db.server";
import { audit } from "../audit.server";
import { conflict, invalid, notFound } from "../errors";
import { isUniqueViolation } from "../notifications/notify.server";
import type { Actor } from "../permissions";
import { requirePermission } from "../permissions";

interface CommunityRef {
  id: string;
  streetId: string;
}

export interface GridFields {
  nameZh: string;
  nameEn: string;
  households: number;
}

const mayManage = (actor: Actor, community: CommunityRef) =>
  requirePermission(
    actor,
    "manage:community",
    { communityId: community.id, streetId: community.streetId },
    "admin:grids.errors.not_manager",
  );

/**
 * Grids (网格) and areas (片区) as staff keep them: each grid's names, households and grid worker; the street's
 * areas that group units. The grid worker is chosen among the community's grid workers (the role itself is
 * given on the person page); moving a worker here moves their grid.
 */
export async function gridsToManage(db: Db, actor: Actor, community: CommunityRef) {
  mayManage(actor, community);
  const [grids, workers, areas] = await Promise.all([
    db.grid.findMany({
      where: { communityId: community.id },
      orderBy: { code: "asc" },
      select: { id: true, code: true, nameZh: true, nameEn: true, households: true },
    }),
    db.membership.findMany({
      where: { communityId: community.id, role: "grid_worker", user: { disabledAt: null } },
      select: { id: true, gridId: true, user: { select: { id: true, displayName: true } } },
      orderBy: { user: { displayName: "asc" } },
    }),
    db.area.findMany({
      where: { streetId: community.streetId },
      orderBy: { nameZh: "asc" },
      select: { id: true, nameZh: true, nameEn: true },
    }),
  ]);
  return {
    grids: grids.map((grid) => ({
      ...grid,
      workers: workers.filter((w) => w.gridId === grid.id).map((w) => ({ membershipId: w.id, name: w.user.displayName })),
    })),
    workers: workers.map((w) => ({ membershipId: w.id, name: w.user.displayName, gridId: w.gridId })),
    areas,
  };
}

export async function createGrid(db: Db, clock: Clock, actor: Actor, community: CommunityRef, input: GridFields & { code: string }) {
  mayManage(actor, community);
  try {
    return await db.$transaction(async (tx) => {
      const grid = await tx.grid.create({
        data: { communityId: community.id, code: input.code, nameZh: input.nameZh, nameEn: input.nameEn, households: input.households },
        select: { id: true },
      });
      await audit(tx, {
        actorId: actor.id,
        communityId: community.id,
        action: "grid.created",
        entityType: "Grid",
        entityId: grid.id,
        data: { code: input.code, name: input.nameZh },
        at: clock.now(),
      });
      return grid;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict("admin:grids.errors.code_taken", { code: input.code });
    throw error;
  }
}

/**
 * Changes a grid's names and households and, when `workerMembershipId` is given, makes that grid worker the
 * grid's worker (their membership moves here). `workerMembershipId` "" leaves the workers as they are.
 */
export async function updateGrid(
  db: Db,
  clock: Clock,
  actor: Actor,
  community: CommunityRef,
  gridId: string,
  input: GridFields & { workerMembershipId?: string },
) {
  mayManage(actor, community);
  const grid = await db.grid.findFirst({ where: { id: gridId, communityId: community.id }, select: { id: true, code: true } });
  if (!grid) throw notFound("admin:grids.errors.grid_not_found");
  const worker = input.workerMembershipId
    ? await db.membership.findFirst({
        where: { id: input.workerMembershipId, communityId: community.id, role: "grid_worker" },
        select: { id: true, userId: true, gridId: true },
      })
    : null;
  if (input.workerMembershipId && !worker) throw invalid("admin:grids.errors.worker_unknown");
  const now = clock.now();
  await db.$transaction(async (tx) => {
    await tx.grid.update({ where: { id: grid.id }, data: { nameZh: input.nameZh, nameEn: input.nameEn, households: input.households } });
    await audit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "grid.updated",
      entityType: "Grid",
      entityId: grid.id,
      data: { code: grid.code, name: input.nameZh, households: input.households },
      at: now,
    });
    if (worker && worker.gridId !== grid.id) {
      await tx.membership.update({ where: { id: worker.id }, data: { gridId: grid.id } });
      await audit(tx, {
        actorId: actor.id,
        communityId: community.id,
        action: "grid.worker_assigned",
        entityType: "Grid",
        entityId: grid.id,
        data: { code: grid.code, userId: worker.userId },
        at: now,
      });
    }
  });
}

/** Areas (片区) belong to the street: every community of it groups its units by the same areas. */
export async function saveArea(
  db: Db,
  clock: Clock,
  actor: Actor,
  community: CommunityRef,
  input: { areaId?: string; nameZh: string; nameEn: string },
) {
  mayManage(actor, community);
  const now = clock.now();
  if (input.areaId) {
    const area = await db.area.findFirst({ where: { id: input.areaId, streetId: community.streetId }, select: { id: true } });
    if (!area) throw notFound("admin:grids.errors.area_not_found");
  }
  return db.$transaction(async (tx) => {
    const area = input.areaId
      ? await tx.area.update({ where: { id: input.areaId }, data: { nameZh: input.nameZh, nameEn: input.nameEn }, select: { id: true } })
      : await tx.area.create({ data: { streetId: community.streetId, nameZh: input.nameZh, nameEn: input.nameEn }, select: { id: true } });
    await audit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: input.areaId ? "area.renamed" : "area.created",
      entityType: "Area",
      entityId: area.id,
      data: { name: input.nameZh },
      at: now,
    });
    return area;
  });
}
