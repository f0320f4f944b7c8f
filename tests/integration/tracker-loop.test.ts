import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../app/infra/clock";
import { triageIssue } from "../../app/domain/issues/issue-actions.server";
import { issuePage } from "../../app/domain/issues/issue-page.server";
import { raiseIssue } from "../../app/domain/issues/raise.server";
import { meetingManagePage } from "../../app/domain/meetings/manage-page.server";
import { addIssueToAgenda } from "../../app/domain/meetings/planning.server";
import { recordDecision } from "../../app/domain/meetings/record-decision.server";
import { LocalDiskStorage } from "../../app/infra/storage.server";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import { actorOf, createCategories, createCommunity, createMeeting, createUser } from "../helpers/fixtures";

describe.each([
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
])("the tracker loop on %s", (_name, fresh) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await fresh();
  });
  afterAll(async () => {
    await database?.drop();
  });

  async function world() {
    const db = database.db;
    const { community, street, grid } = await createCommunity(db);
    const categories = await createCategories(db, community.id);
    const staff = await createUser(db, { communityId: community.id, role: "community_staff" });
    const otherStaff = await createUser(db, { communityId: community.id, role: "community_staff" });
    const resident = await createUser(db, { communityId: community.id, role: "resident", gridId: grid.id });
    return {
      community: { id: community.id, slug: community.slug, streetId: street.id },
      categoryId: Object.values(categories)[0].id,
      staff,
      otherStaff,
      resident,
      actors: { staff: await actorOf(db, staff.user.id), resident: await actorOf(db, resident.user.id) },
    };
  }

  it("staff hear of a newly raised issue at once, and the reporter does not notify themselves", async () => {
    const w = await world();
    const clock = new FakeClock(new Date("2026-12-07T09:00:00+08:00"));
    const storage = new LocalDiskStorage("/tmp/yishi-unused-uploads");
    const raised = await raiseIssue(
      database.db,
      clock,
      storage,
      w.actors.resident,
      w.community,
      { title: "路灯不亮", description: "东门路灯三天不亮", categoryId: w.categoryId, urgency: "normal", address: undefined },
      [],
    );
    expect(raised.notified.sort()).toEqual([w.staff.user.id, w.otherStaff.user.id].sort());
    expect(raised.staffIds).toHaveLength(2);
    const notice = await database.db.notification.findFirstOrThrow({ where: { userId: w.staff.user.id, type: "issue_raised" } });
    expect(JSON.parse(notice.data)).toEqual({ number: raised.number, title: "路灯不亮" });
    expect(notice.link).toBe(`/c/${w.community.slug}/issues/${raised.number}`);
  });

  it("an issue sent to the council from the tracker is offered by the meeting's picker, decided there, and its timeline links the decision", async () => {
    const w = await world();
    const clock = new FakeClock(new Date());
    const storage = new LocalDiskStorage("/tmp/yishi-unused-uploads");
    const issue = await raiseIssue(
      database.db,
      clock,
      storage,
      w.actors.resident,
      w.community,
      { title: "加装电梯怎么分摊", description: "一楼住户不同意", categoryId: w.categoryId, urgency: "normal", address: undefined },
      [],
    );
    await triageIssue(database.db, clock, w.actors.staff, issue.id, { intent: "put_on_agenda", version: 0 });
    const { meeting } = await createMeeting(database.db, {
      communityId: w.community.id,
      hostId: w.staff.user.id,
      createdById: w.staff.user.id,
      title: "十二月居民议事会",
    });

    const staffView = await issuePage(database.db, clock, w.actors.staff, { communitySlug: w.community.slug, number: issue.number });
    expect(staffView.awaitingMeeting).toBe(true);
    const before = await meetingManagePage(database.db, w.actors.staff, meeting.id);
    expect(before.issues.map((i) => i.id)).toContain(issue.id);

    const item = await addIssueToAgenda(database.db, clock, w.actors.staff, meeting.id, issue.id);
    const after = await meetingManagePage(database.db, w.actors.staff, meeting.id);
    expect(after.issues.map((i) => i.id)).not.toContain(issue.id);
    await expect(addIssueToAgenda(database.db, clock, w.actors.staff, meeting.id, issue.id)).rejects.toMatchObject({ kind: "conflict" });
    expect(
      (await issuePage(database.db, clock, w.actors.staff, { communitySlug: w.community.slug, number: issue.number })).awaitingMeeting,
    ).toBe(false);

    const { decisionId } = await recordDecision(database.db, clock, w.actors.staff, {
      meetingId: meeting.id,
      agendaItemId: item.id,
      pollId: undefined,
      text: "费用按楼层系数分摊",
      actionItems: [],
    });
    const event = await database.db.issueEvent.findFirstOrThrow({ where: { issueId: issue.id, type: "decide" } });
    // Stored once, in no particular language: the words as decided and the ids the page links to.
    expect(event.note).toBe("费用按楼层系数分摊");
    expect(JSON.parse(event.data ?? "{}")).toEqual({ decisionId, meetingId: meeting.id });

    // A draft decision is not linked yet; once on public notice it is.
    const page = async () =>
      (await issuePage(database.db, clock, null, { communitySlug: w.community.slug, number: issue.number })).timeline.find(
        (e) => e.kind === "decide",
      );
    expect((await page())?.links).toEqual({
      meeting: { href: `/c/${w.community.slug}/meetings/${meeting.id}`, title: "十二月居民议事会" },
    });
    await database.db.decision.update({ where: { id: decisionId }, data: { status: "notice" } });
    expect((await page())?.links?.decision).toBe(`/c/${w.community.slug}/decisions/${decisionId}`);
  });
});
