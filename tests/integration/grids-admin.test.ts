import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDomainError } from "../../app/domain/errors";
import { createGrid, gridsToManage, saveArea, updateGrid } from "../../app/domain/grids/grids-admin.server";
import { FakeClock } from "../../app/infra/clock";
import { GridsIntentSchema } from "../../app/schemas/grids";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import { actorOf, createCommunity, createUser } from "../helpers/fixtures";

async function refusal(promise: Promise<unknown>): Promise<{ kind: string; key: string }> {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return { kind: error.kind, key: error.key };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe.each([
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
])("grids and areas administration on %s", (_name, fresh) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await fresh();
  });
  afterAll(async () => database?.drop());

  it("staff rename a grid, set its households, move a grid worker to it, add a grid and an area; each is audited", async () => {
    const { db } = database;
    const clock = new FakeClock();
    const place = await createCommunity(db);
    const community = place.community;
    const staff = await actorOf(db, (await createUser(db, { communityId: community.id, role: "community_staff" })).user.id);
    const worker = (await createUser(db, { communityId: community.id, role: "grid_worker", displayName: "李网格" })).user;

    const grid = await createGrid(db, clock, staff, community, { code: "G2", nameZh: "第二网格", nameEn: "Grid 2", households: 300 });
    expect(
      (await refusal(createGrid(db, clock, staff, community, { code: "G2", nameZh: "重复", nameEn: "Again", households: 1 }))).key,
    ).toBe("admin:grids.errors.code_taken");
    const membership = await db.membership.findFirstOrThrow({ where: { userId: worker.id, role: "grid_worker" } });
    await updateGrid(db, clock, staff, community, grid.id, {
      nameZh: "桂花网格",
      nameEn: "Osmanthus Grid",
      households: 412,
      workerMembershipId: membership.id,
    });
    expect(await db.grid.findUniqueOrThrow({ where: { id: grid.id } })).toMatchObject({
      nameZh: "桂花网格",
      nameEn: "Osmanthus Grid",
      households: 412,
    });
    expect((await db.membership.findUniqueOrThrow({ where: { id: membership.id } })).gridId).toBe(grid.id);
    const page = await gridsToManage(db, staff, community);
    expect(page.grids.find((g) => g.id === grid.id)?.workers.map((w) => w.name)).toEqual(["李网格"]);

    const area = await saveArea(db, clock, staff, community, { nameZh: "北片", nameEn: "North" });
    await saveArea(db, clock, staff, community, { areaId: area.id, nameZh: "北山片区", nameEn: "Beishan area" });
    expect(await db.area.findUniqueOrThrow({ where: { id: area.id } })).toMatchObject({ streetId: community.streetId, nameZh: "北山片区" });
    const actions = (await db.auditLog.findMany({ where: { communityId: community.id }, select: { action: true } }))
      .map((a) => a.action)
      .sort();
    expect(actions).toEqual(["area.created", "area.renamed", "grid.created", "grid.updated", "grid.worker_assigned"]);
  });

  it("only staff of the community manage grids; other communities' grids, workers and areas are not found", async () => {
    const { db } = database;
    const clock = new FakeClock();
    const place = await createCommunity(db);
    const other = await createCommunity(db);
    const community = place.community;
    const staff = await actorOf(db, (await createUser(db, { communityId: community.id, role: "community_staff" })).user.id);
    const workerActor = await actorOf(
      db,
      (await createUser(db, { communityId: community.id, role: "grid_worker", gridId: place.grid.id })).user.id,
    );
    const fields = { nameZh: "改名", nameEn: "Renamed", households: 1 };
    expect((await refusal(updateGrid(db, clock, workerActor, community, place.grid.id, fields))).key).toBe(
      "admin:grids.errors.not_manager",
    );
    expect((await refusal(gridsToManage(db, workerActor, community))).kind).toBe("forbidden");
    expect((await refusal(updateGrid(db, clock, staff, community, other.grid.id, fields))).key).toBe("admin:grids.errors.grid_not_found");
    const foreignWorker = (await createUser(db, { communityId: other.community.id, role: "grid_worker", gridId: other.grid.id })).user;
    const foreignMembership = await db.membership.findFirstOrThrow({ where: { userId: foreignWorker.id } });
    expect(
      (await refusal(updateGrid(db, clock, staff, community, place.grid.id, { ...fields, workerMembershipId: foreignMembership.id }))).key,
    ).toBe("admin:grids.errors.worker_unknown");
    const foreignArea = await db.area.create({ data: { streetId: other.street.id, nameZh: "别处", nameEn: "Elsewhere" } });
    expect((await refusal(saveArea(db, clock, staff, community, { areaId: foreignArea.id, nameZh: "x", nameEn: "x" }))).key).toBe(
      "admin:grids.errors.area_not_found",
    );
    expect(await db.grid.findUniqueOrThrow({ where: { id: other.grid.id } })).toMatchObject({ nameZh: "第一网格" });
  });

  it("the form refuses bad households and codes with translated keys", () => {
    const bad = GridsIntentSchema.safeParse({ intent: "add_grid", code: "G 1", nameZh: "一", nameEn: "One", households: "-3" });
    const messages = Object.fromEntries((bad.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));
    expect(messages).toEqual({ code: "admin:grids.errors.code_format", households: "admin:grids.errors.households_range" });
    expect(
      GridsIntentSchema.safeParse({ intent: "update_grid", gridId: "g1", nameZh: "一", nameEn: "One", households: "1e9" }).success,
    ).toBe(false);
  });
});
