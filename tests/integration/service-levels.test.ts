import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, FakeClock } from "../../app/infra/clock";
import { triageIssue } from "../../app/domain/issues/issue-actions.server";
import { issuePage } from "../../app/domain/issues/issue-page.server";
import { raiseIssue } from "../../app/domain/issues/raise.server";
import { runTrackerSweep } from "../../app/domain/issues/sweep.server";
import { changeServiceLevels, serviceLevelsPage } from "../../app/domain/service-levels/levels.server";
import { LocalDiskStorage } from "../../app/infra/storage.server";
import { chinaDateString } from "../../app/infra/time";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import { actorOf, createCategories, createCommunity, createUser } from "../helpers/fixtures";

describe.each([
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
])("service levels on %s", (_name, fresh) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await fresh();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("an issue keeps the levels of the day it was raised, counts working days past National Day, and goes red when nobody answers", async () => {
    const db = database.db;
    const { community, street } = await createCommunity(db);
    const ref = { id: community.id, slug: community.slug, streetId: street.id };
    const categoryId = Object.values(await createCategories(db, community.id))[0].id;
    const staff = await createUser(db, { communityId: community.id, role: "community_staff" });
    const resident = await createUser(db, { communityId: community.id, role: "resident" });
    const staffActor = await actorOf(db, staff.user.id);
    const residentActor = await actorOf(db, resident.user.id);
    const clock = new FakeClock(new Date("2026-09-30T10:00:00+08:00"));
    const storage = new LocalDiskStorage("/tmp/yishi-unused-uploads");
    const raise = (title: string) =>
      raiseIssue(
        db,
        clock,
        storage,
        residentActor,
        ref,
        { title, description: "详情", categoryId, urgency: "normal", address: undefined },
        [],
      );

    // Residents may not change levels; staff set 2 working days to answer, 3 to resolve, and a local closure.
    await expect(
      changeServiceLevels(db, clock, residentActor, ref, { intent: "add_closure", date: "2026-10-09", reason: "台风停办" }),
    ).rejects.toMatchObject({ kind: "forbidden" });
    await changeServiceLevels(db, clock, staffActor, ref, {
      intent: "set_level",
      categoryId,
      unit: "working_days",
      triage: 2,
      acknowledge: 1,
      firstAction: 2,
      resolution: 3,
    });
    await changeServiceLevels(db, clock, staffActor, ref, { intent: "add_closure", date: "2026-10-09", reason: "台风停办" });
    const page = await serviceLevelsPage(db, clock, staffActor, ref);
    expect(page.closures.map((c) => c.date)).toEqual(["2026-10-09"]);
    expect(page.categories.find((c) => c.id === categoryId)?.levels).toMatchObject({ triage: 2, resolution: 3 });

    const first = await raise("国庆前提交");
    const row = await db.issue.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({ levelUnit: "working_days", levelTriage: 2, levelResolution: 3 });
    // 8 Oct and (9 Oct closed) 10 Oct, the make-up Saturday.
    expect(chinaDateString(row.triageDueAt as Date)).toBe("2026-10-10");
    expect(chinaDateString(row.resolutionDueAt as Date)).toBe("2026-10-12");

    // A later change applies to new issues only.
    await changeServiceLevels(db, clock, staffActor, ref, {
      intent: "set_level",
      categoryId,
      unit: "hours",
      triage: 4,
      acknowledge: 4,
      firstAction: 8,
      resolution: 48,
    });
    const second = await raise("改时限后提交");
    expect((await db.issue.findUniqueOrThrow({ where: { id: second.id } })).levelUnit).toBe("hours");
    expect((await db.issue.findUniqueOrThrow({ where: { id: first.id } })).levelTriage).toBe(2);

    // The page shows the clock; on 8 October one working day is left after today (9 October is closed).
    clock.set(new Date("2026-10-08T09:00:00+08:00"));
    const view = await issuePage(db, clock, null, { communitySlug: ref.slug, number: first.number });
    expect(view.issue.clock).toMatchObject({ step: "triage", unit: "working_days", amount: 1, overdue: false });

    // Nobody answers by the end of 10 October: red flag, staff told once.
    clock.set(new Date("2026-10-11T09:00:00+08:00"));
    const late = await issuePage(db, clock, null, { communitySlug: ref.slug, number: first.number });
    expect(late.issue.flags).toContain("overdue");
    expect(late.issue.clock).toMatchObject({ step: "triage", overdue: true });
    const sweep = await runTrackerSweep(db, clock);
    expect(sweep.reminded).toContain(staff.user.id);
    expect((await runTrackerSweep(db, clock)).reminded).not.toContain(staff.user.id);

    // Answering stops the response clock; the resolution clock runs on.
    await triageIssue(db, clock, staffActor, first.id, { intent: "accept", version: 0 });
    const accepted = await db.issue.findUniqueOrThrow({ where: { id: first.id } });
    expect(accepted.triagedAt?.getTime()).toBe(clock.now().getTime());
    const after = await issuePage(db, clock, null, { communitySlug: ref.slug, number: first.number });
    expect(after.issue.clock).toMatchObject({ step: "resolution", amount: 1, overdue: false });
    clock.advance(2 * DAY);
    expect((await issuePage(db, clock, null, { communitySlug: ref.slug, number: first.number })).issue.flags).toContain("overdue");
  });
});
