import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, FakeClock } from "../../app/infra/clock";
import { acknowledgeEscalation, addActionItem, claimActionItem, triageIssue } from "../../app/domain/issues/issue-actions.server";
import { issuePage } from "../../app/domain/issues/issue-page.server";
import { raiseIssue } from "../../app/domain/issues/raise.server";
import { runTrackerSweep } from "../../app/domain/issues/sweep.server";
import { changeServiceLevels, serviceLevelsPage } from "../../app/domain/service-levels/levels.server";
import { LocalDiskStorage } from "../../app/infra/storage.server";
import { chinaDateString } from "../../app/infra/time";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import { actorOf, createCategories, createCommunity, createUnit, createUser } from "../helpers/fixtures";

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

  it("an escalated department must report for duty within its level, work must start within the first-action level, and each late step is flagged and told once", async () => {
    const db = database.db;
    const { community, street } = await createCommunity(db);
    const ref = { id: community.id, slug: community.slug, streetId: street.id };
    const categoryId = Object.values(await createCategories(db, community.id))[0].id;
    const staff = await createUser(db, { communityId: community.id, role: "community_staff" });
    const resident = await createUser(db, { communityId: community.id, role: "resident" });
    const department = await createUnit(db, {
      streetId: street.id,
      kind: "department",
      sectorGroup: "governance",
      nameZh: "住建局",
      nameEn: "Housing Bureau",
    });
    const rep = await createUser(db, { communityId: community.id, role: "unit_rep", unitId: department.id });
    const staffActor = await actorOf(db, staff.user.id);
    const repActor = await actorOf(db, rep.user.id);
    const clock = new FakeClock(new Date("2026-09-30T10:00:00+08:00"));
    const storage = new LocalDiskStorage("/tmp/yishi-unused-uploads");
    await changeServiceLevels(db, clock, staffActor, ref, {
      intent: "set_level",
      categoryId,
      unit: "working_days",
      triage: 1,
      acknowledge: 2,
      firstAction: 3,
      resolution: 15,
    });
    const issue = await raiseIssue(
      db,
      clock,
      storage,
      await actorOf(db, resident.user.id),
      ref,
      { title: "楼道漏水", description: "详情", categoryId, urgency: "normal", address: undefined },
      [],
    );
    // Escalated the same day, with a later date staff typed: the service level gives 8 and 9 October.
    await triageIssue(db, clock, staffActor, issue.id, { intent: "escalate", version: 0, unitId: department.id, dueDate: "2026-10-20" });
    const escalated = await db.issue.findUniqueOrThrow({ where: { id: issue.id } });
    expect(chinaDateString(escalated.acknowledgeDueAt as Date)).toBe("2026-10-09");
    // 8, 9 and the make-up Saturday 10 October.
    expect(chinaDateString(escalated.firstActionDueAt as Date)).toBe("2026-10-10");
    clock.set(new Date("2026-10-08T09:00:00+08:00"));
    const waiting = await issuePage(db, clock, null, { communitySlug: ref.slug, number: issue.number });
    expect(waiting.issue.clock).toMatchObject({ step: "acknowledge", amount: 1, overdue: false });

    // Nobody reports for duty by the end of 9 October: red, the department's representative and staff told once.
    clock.set(new Date("2026-10-10T09:00:00+08:00"));
    const late = await issuePage(db, clock, null, { communitySlug: ref.slug, number: issue.number });
    expect(late.issue.flags).toContain("overdue");
    expect(late.issue.clock).toMatchObject({ step: "acknowledge", overdue: true });
    const sweep = await runTrackerSweep(db, clock);
    expect(sweep.reminded).toEqual(expect.arrayContaining([rep.user.id, staff.user.id]));
    const again = await runTrackerSweep(db, clock);
    expect(again.reminded).not.toContain(rep.user.id);

    // The department reports for duty; no work by the end of 10 October is the next late step, told once.
    await acknowledgeEscalation(db, clock, repActor, issue.id, 1);
    clock.set(new Date("2026-10-12T09:00:00+08:00"));
    const noWork = await issuePage(db, clock, null, { communitySlug: ref.slug, number: issue.number });
    expect(noWork.issue.clock).toMatchObject({ step: "firstAction", overdue: true });
    expect((await runTrackerSweep(db, clock)).reminded).toContain(staff.user.id);
    expect((await runTrackerSweep(db, clock)).reminded).not.toContain(staff.user.id);

    // The first claim of an action item stops the first-action clock; the resolution clock remains.
    const { actionItemId } = await addActionItem(db, clock, staffActor, issue.id, {
      unitId: department.id,
      description: "维修管道",
      dueDate: "2026-10-16",
    });
    await claimActionItem(db, clock, repActor, actionItemId);
    const started = await db.issue.findUniqueOrThrow({ where: { id: issue.id } });
    expect(started.firstActionAt?.getTime()).toBe(clock.now().getTime());
    const working = await issuePage(db, clock, null, { communitySlug: ref.slug, number: issue.number });
    expect(working.issue.clock).toMatchObject({ step: "resolution", overdue: false });
    expect(working.issue.flags).not.toContain("overdue");
  });
});
