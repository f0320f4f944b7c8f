import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, FakeClock } from "../../app/infra/clock";
import { communityDashboard, streetDashboard } from "../../app/domain/figures/figures.server";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import { actorOf, createCategories, createCommunity, createIssue, createUnit, createUser } from "../helpers/fixtures";

const november = { fromMonth: "2026-11", toMonth: "2026-11" };
const byName = { key: "name" as const, descending: false };

describe.each([
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
])("figures on %s", (_name, fresh) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await fresh();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("counts the three rates, medians, overdue, funnel, units and meetings of a hand-made street, by community and grid", async () => {
    const db = database.db;
    const clock = new FakeClock(new Date("2026-11-20T12:00:00+08:00"));
    const now = clock.now();
    const a = await createCommunity(db, { nameZh: "甲社区", nameEn: "Community A" });
    const b = await createCommunity(db, { street: a.street, nameZh: "乙社区", nameEn: "Community B" });
    const grid2 = await db.grid.create({
      data: { communityId: a.community.id, code: `G2-${a.community.id}`, nameZh: "第二网格", nameEn: "Grid 2" },
    });
    const categoryA = Object.values(await createCategories(db, a.community.id))[0].id;
    const categoryB = Object.values(await createCategories(db, b.community.id))[0].id;
    const resident = await createUser(db, { communityId: a.community.id, role: "resident" });
    const staff = await createUser(db, { communityId: a.community.id, role: "community_staff" });
    const admin = await createUser(db, { streetAdminOfId: a.street.id });
    const unit = await createUnit(db, {
      streetId: a.street.id,
      kind: "company",
      sectorGroup: "economy",
      nameZh: "物业公司",
      nameEn: "Property Co",
    });
    const raised = new Date("2026-11-02T10:00:00+08:00");
    const issue = async (
      status: Parameters<typeof createIssue>[1]["status"],
      gridId: string,
      extra: Record<string, unknown> = {},
      communityId = a.community.id,
      categoryId = categoryA,
      createdAt = raised,
    ) => {
      const row = await createIssue(db, {
        communityId,
        categoryId,
        reporterId: resident.user.id,
        title: `事项 ${status}`,
        status,
        gridId,
        createdAt,
      });
      await db.issue.update({ where: { id: row.id }, data: extra });
      return row;
    };
    const hours = (h: number) => ({ triagedAt: new Date(raised.getTime() + h * 3_600_000), responseHours: h });
    const fixedRated = await issue("resolved", a.grid.id, {
      ...hours(2),
      resolutionDays: 4,
      satisfactionAverage: 4.5,
      acceptanceDueAt: now,
    });
    const reopenedOnce = await issue("resolved", a.grid.id, {
      ...hours(6),
      resolutionDays: 10,
      satisfactionAverage: 2,
      reopenCount: 1,
      acceptanceDueAt: now,
    });
    await issue("rejected", grid2.id, hours(1));
    await issue("submitted", grid2.id, { triageDueAt: new Date(now.getTime() - DAY) });
    await issue("merged", grid2.id, hours(1));
    const working = await issue("accepted", a.grid.id, hours(3));
    await db.actionItem.create({
      data: { issueId: working.id, unitId: unit.id, description: "修", dueAt: new Date(now.getTime() - DAY), createdById: staff.user.id },
    });
    await db.actionItem.create({
      data: {
        issueId: fixedRated.id,
        unitId: unit.id,
        description: "修",
        dueAt: new Date("2026-11-10T00:00:00+08:00"),
        status: "done",
        doneAt: new Date("2026-11-06T00:00:00+08:00"),
        createdById: staff.user.id,
      },
    });
    // October's issue is outside November's figures but in the trend over both months.
    await issue("resolved", a.grid.id, hours(1), a.community.id, categoryA, new Date("2026-10-15T10:00:00+08:00"));
    await issue("submitted", b.grid.id, {}, b.community.id, categoryB);
    for (const [issueId, rating] of [
      [fixedRated.id, 5],
      [fixedRated.id, 4],
      [reopenedOnce.id, 2],
    ] as const) {
      const rater = await createUser(db, { communityId: a.community.id, role: "resident" });
      await db.acceptanceResponse.create({ data: { issueId, userId: rater.user.id, round: 1, satisfied: rating >= 3, rating } });
    }
    const meeting = await db.meeting.create({
      data: {
        communityId: a.community.id,
        code: `F${a.community.id.slice(-6)}`,
        title: "十一月议事会",
        form: "roundtable",
        startsAt: new Date("2026-11-12T19:00:00+08:00"),
        place: "会议室",
        hostId: staff.user.id,
        status: "ended",
        createdById: staff.user.id,
      },
    });
    for (const checkedIn of [true, true, true, false])
      await db.participant.create({ data: { meetingId: meeting.id, name: "居民", role: "resident", checkedInAt: checkedIn ? now : null } });
    const decision = await db.decision.create({
      data: { meetingId: meeting.id, text: "增设充电桩", status: "final", createdById: staff.user.id },
    });
    await db.actionItem.create({
      data: {
        issueId: working.id,
        decisionId: decision.id,
        unitId: unit.id,
        description: "装",
        dueAt: new Date("2026-12-01T00:00:00+08:00"),
        status: "done",
        doneAt: new Date("2026-11-15T00:00:00+08:00"),
        createdById: staff.user.id,
      },
    });

    const street = await streetDashboard(db, clock, await actorOf(db, admin.user.id), a.street.id, november, byName, "zh-CN");
    const rowA = street.communities.find((r) => r.id === a.community.id);
    expect(rowA?.counts).toMatchObject({
      raised: 5,
      responded: 4,
      rejected: 1,
      accepted: 3,
      resolved: 2,
      satisfiedIssues: 1,
      askedAcceptance: 2,
      reopened: 1,
      overdue: 2,
      ratings: 3,
      satisfiedRatings: 2,
      ratingSum: 11,
    });
    expect(rowA?.rates.responseRate).toBeCloseTo(0.8);
    expect(rowA?.rates.resolutionRate).toBeCloseTo(0.5);
    expect(rowA?.rates.satisfactionRate).toBeCloseTo(2 / 3);
    expect(rowA?.rates.averageRating).toBeCloseTo(11 / 3);
    expect(rowA?.rates.reopenRate).toBeCloseTo(0.5);
    expect(rowA?.medianResponseHours).toBeCloseTo(2.5);
    expect(rowA?.medianResolutionDays).toBeCloseTo(7);
    expect(rowA?.meetings).toMatchObject({ held: 1, invited: 4, checkedIn: 3, decisions: 1, carriedOut: 1, turnout: 0.75 });
    const rowB = street.communities.find((r) => r.id === b.community.id);
    expect(rowB?.rates).toMatchObject({ raised: 1, responseRate: 0, resolutionRate: 0, satisfactionRate: null });
    expect(street.funnel.map((s) => s.count)).toEqual([6, 3, 2, 1]);
    // Two items done (both on time) and one late: 2 of 3.
    expect(street.units[0]).toMatchObject({ id: unit.id, counts: { items: 3, done: 2, doneOnTime: 2, overdue: 1 } });
    expect(street.units[0].onTimeRate).toBeCloseTo(2 / 3);

    // Sorted by response rate, best first.
    const sorted = await streetDashboard(
      db,
      clock,
      await actorOf(db, admin.user.id),
      a.street.id,
      november,
      { key: "responseRate", descending: true },
      "en",
    );
    expect(sorted.communities.map((r) => r.name)).toEqual(["Community A", "Community B"]);

    // The trend over October and November.
    const both = await streetDashboard(
      db,
      clock,
      await actorOf(db, admin.user.id),
      a.street.id,
      { fromMonth: "2026-10", toMonth: "2026-11" },
      byName,
      "zh-CN",
    );
    expect(both.trend.map((m) => [m.month, m.counts.raised])).toEqual([
      ["2026-10", 1],
      ["2026-11", 6],
    ]);

    // Community A's staff see their grids; drilling into grid 2 narrows every figure.
    const community = { ...a.community, streetId: a.street.id };
    const mine = await communityDashboard(db, clock, await actorOf(db, staff.user.id), community, november, {
      sort: byName,
      language: "zh-CN",
    });
    expect(mine.grids.find((g) => g.id === a.grid.id)?.counts).toMatchObject({ raised: 3, resolved: 2, overdue: 1 });
    expect(mine.grids.find((g) => g.id === grid2.id)?.counts).toMatchObject({ raised: 2, rejected: 1, overdue: 1 });
    expect(mine.total.medianResponseHours).toBeCloseTo(2.5);
    expect(mine.categories).toHaveLength(1);
    const drilled = await communityDashboard(db, clock, await actorOf(db, admin.user.id), community, november, {
      gridCode: grid2.code,
      sort: byName,
      language: "zh-CN",
    });
    expect(drilled.total.counts).toMatchObject({ raised: 2, responded: 1 });
    expect(drilled.total.medianResponseHours).toBeCloseTo(1);

    // Nobody else sees them: a resident, staff of the street's other community for the street view.
    await expect(
      communityDashboard(db, clock, await actorOf(db, resident.user.id), community, november, { sort: byName, language: "zh-CN" }),
    ).rejects.toMatchObject({ kind: "forbidden" });
    await expect(
      streetDashboard(db, clock, await actorOf(db, staff.user.id), a.street.id, november, byName, "zh-CN"),
    ).rejects.toMatchObject({
      kind: "forbidden",
    });
  });
});
