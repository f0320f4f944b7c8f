import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../app/infra/clock";
import { addCommunityNeed, needDraftFromIssue, needPage } from "../../app/domain/matching/matching.server";
import { issuePage } from "../../app/domain/issues/issue-page.server";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import { actorOf, createCategories, createCommunity, createIssue, createUser } from "../helpers/fixtures";

/**
 * Issue #13: staff turn a resident's issue into a community need for the units. The form starts from the
 * issue; the need and the issue link to each other, and the issue's timeline records it.
 */
for (const [provider, fresh] of [
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
] as const) {
  describe(`issue → community need on ${provider}`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await fresh();
    });
    afterAll(async () => {
      await database?.drop();
    });

    it("prefills the need from the issue, links both ways, records it on the timeline, and refuses a second need or another community's issue", async () => {
      const db = database.db;
      const clock = new FakeClock(new Date("2026-12-07T10:00:00+08:00"));
      const place = await createCommunity(db);
      const other = await createCommunity(db, { street: place.street });
      const categories = await createCategories(db, place.community.id);
      const otherCategories = await createCategories(db, other.community.id);
      const staffPerson = await createUser(db, { communityId: place.community.id, role: "community_staff" });
      const resident = await createUser(db, { communityId: place.community.id, role: "resident" });
      const staff = await actorOf(db, staffPerson.user.id);
      const issue = await createIssue(db, {
        communityId: place.community.id,
        categoryId: categories.safety.id,
        reporterId: resident.user.id,
        title: "老年食堂缺少就餐场地",
        description: "午间就餐老人多，需要一处能坐 40 人的场地。",
        status: "accepted",
        movedById: staff.id,
      });
      const foreign = await createIssue(db, {
        communityId: other.community.id,
        categoryId: otherCategories.safety.id,
        reporterId: resident.user.id,
        title: "别的社区的议题",
      });

      const draft = await needDraftFromIssue(db, place.community.id, issue.number);
      expect(draft).toMatchObject({ issueId: issue.id, titleZh: "老年食堂缺少就餐场地", alreadyNeedId: null });
      const community = { id: place.community.id, streetId: place.street.id };
      const need = await addCommunityNeed(db, clock, staff, community, {
        titleZh: draft!.titleZh,
        category: "venue",
        description: draft!.description,
        issueId: draft!.issueId,
      });

      const page = await needPage(db, clock, staff, need.id);
      expect(page.issue).toEqual({ number: issue.number, title: "老年食堂缺少就餐场地" });
      const issueView = await issuePage(db, clock, null, { communitySlug: place.community.slug, number: issue.number });
      const entry = issueView.timeline.find((e) => e.kind === "need_created");
      expect(entry?.links?.need).toBe(`/needs/${need.id}`);
      expect(issueView.mayMakeNeed).toBe(false);

      expect((await needDraftFromIssue(db, place.community.id, issue.number))?.alreadyNeedId).toBe(need.id);
      await expect(
        addCommunityNeed(db, clock, staff, community, { titleZh: "再来一次", category: "venue", issueId: issue.id }),
      ).rejects.toMatchObject({
        key: "units:errors.issue_already_need",
      });
      await expect(
        addCommunityNeed(db, clock, staff, community, { titleZh: "别人的", category: "venue", issueId: foreign.id }),
      ).rejects.toMatchObject({
        key: "units:errors.issue_not_found",
      });
      expect(await needDraftFromIssue(db, place.community.id, foreign.number + 1000)).toBeNull();
    });
  });
}
