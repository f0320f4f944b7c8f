import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, FakeClock } from "../../app/infra/clock";
import { addCommunityNeed, answerOfferAsStaff, needPage, requestUnitForNeed } from "../../app/domain/matching/matching.server";
import { changeProject, projectPage } from "../../app/domain/projects/projects.server";
import { changeFromUnitPage } from "../../app/domain/units/lists.server";
import { unitPage } from "../../app/domain/units/unit-page.server";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import { actorOf, createCommunity, createUnit, createUser } from "../helpers/fixtures";

/**
 * Issue #13: a community's need is matched to participating units both ways — staff invite a unit and the
 * unit answers, or a unit offers itself and staff confirm — and an acceptance starts a joint project that
 * both the unit's page and the community's lists show. Each step notifies the other side once.
 */
for (const [provider, fresh] of [
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
] as const) {
  describe(`two-way claiming on ${provider}`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await fresh();
    });
    afterAll(async () => {
      await database?.drop();
    });

    async function world() {
      const db = database.db;
      const place = await createCommunity(db);
      const other = await createCommunity(db, { street: place.street });
      const area = await db.area.create({ data: { streetId: place.street.id, nameZh: "松木场片区", nameEn: "Songmuchang Area" } });
      const farArea = await db.area.create({ data: { streetId: place.street.id, nameZh: "宝石山片区", nameEn: "Baoshi Area" } });
      const school = await createUnit(db, {
        streetId: place.street.id,
        kind: "school",
        sectorGroup: "culture",
        nameZh: "第十四中学",
        nameEn: "No. 14 High School",
        areaId: area.id,
        resources: [["多功能会议室", "Function room", "venue"]],
      });
      const farSchool = await createUnit(db, {
        streetId: place.street.id,
        kind: "school",
        sectorGroup: "culture",
        nameZh: "保俶塔实验学校",
        nameEn: "Baochuta School",
        areaId: farArea.id,
        resources: [["阶梯会议室", "Lecture room", "venue"]],
      });
      const police = await createUnit(db, {
        streetId: place.street.id,
        kind: "police",
        sectorGroup: "governance",
        nameZh: "北山派出所",
        nameEn: "Beishan Police",
        resources: [["防范电信诈骗宣讲", "Anti-fraud talks", "expertise"]],
      });
      const staff = await createUser(db, { communityId: place.community.id, role: "community_staff" });
      const schoolRep = await createUser(db, { communityId: place.community.id, role: "unit_rep", unitId: school.id });
      const policeRep = await createUser(db, { communityId: place.community.id, role: "unit_rep", unitId: police.id });
      const otherStaff = await createUser(db, { communityId: other.community.id, role: "community_staff" });
      return {
        db,
        place,
        area,
        school,
        farSchool,
        police,
        staff: await actorOf(db, staff.user.id),
        schoolRep: await actorOf(db, schoolRep.user.id),
        policeRep: await actorOf(db, policeRep.user.id),
        otherStaff: await actorOf(db, otherStaff.user.id),
        community: { id: place.community.id, streetId: place.street.id },
        clock: new FakeClock(new Date("2026-12-01T09:00:00+08:00")),
      };
    }

    const notificationsOf = (db: TestDatabase["db"], userId: string) =>
      db.notification.findMany({ where: { userId }, select: { type: true, link: true } });

    it("staff invite the best-fitting unit, the unit accepts, and a joint project starts on both pages", async () => {
      const w = await world();
      const need = await addCommunityNeed(w.db, w.clock, w.staff, w.community, {
        titleZh: "借用会议室开居民议事会",
        category: "venue",
        areaId: w.area.id,
      });

      const page = await needPage(w.db, w.clock, w.staff, need.id);
      expect(page.suggestions.map((s) => s.unit.nameZh)).toEqual(["第十四中学", "保俶塔实验学校"]);
      expect(page.suggestions[0]!.reasons).toContainEqual({ kind: "same_area" });

      const { match } = await requestUnitForNeed(w.db, w.clock, w.staff, need.id, { unitId: w.school.id, note: "每月第一个周四晚上" });
      // Asking twice is refused; the unit is notified once.
      await expect(requestUnitForNeed(w.db, w.clock, w.staff, need.id, { unitId: w.school.id })).rejects.toMatchObject({
        key: "units:errors.already_matched",
      });
      expect(await notificationsOf(w.db, w.schoolRep.id)).toEqual([{ type: "unit_match_requested", link: `/units/${w.school.id}` }]);

      // Only the school's representative answers for the school.
      await expect(
        changeFromUnitPage(w.db, w.clock, w.policeRep, w.school.id, { intent: "accept", matchId: match.id }),
      ).rejects.toMatchObject({ kind: "forbidden" });
      await expect(changeFromUnitPage(w.db, w.clock, w.staff, w.school.id, { intent: "accept", matchId: match.id })).rejects.toMatchObject({
        kind: "forbidden",
      });

      const schoolPage = await unitPage(w.db, w.clock, w.schoolRep, w.school.id);
      expect(schoolPage.pendingMatches.map((m) => m.id)).toEqual([match.id]);
      w.clock.advance(DAY);
      await changeFromUnitPage(w.db, w.clock, w.schoolRep, w.school.id, { intent: "accept", matchId: match.id });
      await expect(
        changeFromUnitPage(w.db, w.clock, w.schoolRep, w.school.id, { intent: "decline", matchId: match.id, reason: "改主意" }),
      ).rejects.toMatchObject({ key: "units:errors.already_answered" });

      const project = await w.db.jointProject.findFirstOrThrow({ where: { needId: need.id }, include: { units: true } });
      expect(project.units.map((u) => u.unitId)).toEqual([w.school.id]);
      expect((await w.db.communityNeed.findUniqueOrThrow({ where: { id: need.id } })).status).toBe("matched");
      expect(await notificationsOf(w.db, w.staff.id)).toEqual([{ type: "unit_match_accepted", link: `/projects/${project.id}` }]);
      expect((await unitPage(w.db, w.clock, null, w.school.id)).projects.map((p) => p.id)).toEqual([project.id]);

      // The school reports progress with evidence; another unit's representative cannot.
      await changeProject(w.db, w.clock, w.schoolRep, project.id, { intent: "add_milestone", title: "腾出会议室并布置座位" });
      const [milestone] = (await projectPage(w.db, null, project.id)).project.milestones;
      await expect(
        changeProject(w.db, w.clock, w.policeRep, project.id, {
          intent: "complete_milestone",
          milestoneId: milestone!.id,
          evidence: "已完成",
        }),
      ).rejects.toMatchObject({ kind: "forbidden" });
      await changeProject(w.db, w.clock, w.schoolRep, project.id, {
        intent: "complete_milestone",
        milestoneId: milestone!.id,
        evidence: "80 个座位已布置",
      });
      expect((await projectPage(w.db, null, project.id)).project).toMatchObject({ progress: 100, status: "active" });
    });

    it("a unit offers itself for a need, staff confirm, and a declined offer carries its reason", async () => {
      const w = await world();
      const talk = await addCommunityNeed(w.db, w.clock, w.staff, w.community, {
        titleZh: "老年人防范电信诈骗讲座",
        category: "expertise",
      });

      // The police representative sees the open need on the unit's page and offers.
      expect((await unitPage(w.db, w.clock, w.policeRep, w.police.id)).openNeeds.map((n) => n.id)).toContain(talk.id);
      const notified = await changeFromUnitPage(w.db, w.clock, w.policeRep, w.police.id, {
        intent: "offer",
        needId: talk.id,
        note: "民警可以来讲",
      });
      expect(notified).toEqual([w.staff.id]);
      const offer = await w.db.unitMatch.findFirstOrThrow({ where: { needId: talk.id, unitId: w.police.id } });
      expect(offer.direction).toBe("offer");

      // Staff of another community cannot confirm it; this community's staff can.
      await expect(answerOfferAsStaff(w.db, w.clock, w.otherStaff, talk.id, offer.id, { accept: true })).rejects.toMatchObject({
        kind: "forbidden",
      });
      const { projectId } = await answerOfferAsStaff(w.db, w.clock, w.staff, talk.id, offer.id, { accept: true });
      expect(projectId).toBeTruthy();
      expect(await notificationsOf(w.db, w.policeRep.id)).toEqual([{ type: "unit_match_accepted", link: `/projects/${projectId}` }]);

      // A second need: the school offers, staff decline with a reason, which the unit reads.
      const venue = await addCommunityNeed(w.db, w.clock, w.staff, w.community, { titleZh: "暑期少儿托管场地", category: "venue" });
      await changeFromUnitPage(w.db, w.clock, w.schoolRep, w.school.id, { intent: "offer", needId: venue.id });
      const schoolOffer = await w.db.unitMatch.findFirstOrThrow({ where: { needId: venue.id, unitId: w.school.id } });
      await answerOfferAsStaff(w.db, w.clock, w.staff, venue.id, schoolOffer.id, { accept: false, reason: "暑期场地已由街道安排" });
      const seenBySchool = await needPage(w.db, w.clock, w.schoolRep, venue.id);
      expect(seenBySchool.matches).toMatchObject([{ status: "declined", reason: "暑期场地已由街道安排" }]);
      expect(seenBySchool.suggestions).toEqual([]);
      expect(await notificationsOf(w.db, w.schoolRep.id)).toContainEqual({ type: "unit_match_declined", link: `/needs/${venue.id}` });
    });

    it("a representative keeps only their own unit's lists, and another unit's item id is not found", async () => {
      const w = await world();
      await changeFromUnitPage(w.db, w.clock, w.schoolRep, w.school.id, {
        intent: "add_item",
        list: "resource",
        titleZh: "操场夜间开放",
        category: "venue",
        quantity: "400 米跑道",
        availability: "每天 18:00–21:00",
      });
      const item = await w.db.unitListItem.findFirstOrThrow({ where: { unitId: w.school.id, titleZh: "操场夜间开放" } });
      expect(item).toMatchObject({ titleEn: "操场夜间开放", quantity: "400 米跑道", category: "venue" });
      await expect(
        changeFromUnitPage(w.db, w.clock, w.policeRep, w.school.id, { intent: "remove_item", itemId: item.id }),
      ).rejects.toMatchObject({ kind: "forbidden" });
      const policeItem = await w.db.unitListItem.findFirstOrThrow({ where: { unitId: w.police.id } });
      await expect(
        changeFromUnitPage(w.db, w.clock, w.schoolRep, w.school.id, { intent: "remove_item", itemId: policeItem.id }),
      ).rejects.toMatchObject({ key: "units:errors.item_not_found" });
      await changeFromUnitPage(w.db, w.clock, w.schoolRep, w.school.id, { intent: "remove_item", itemId: item.id });
      expect(await w.db.unitListItem.count({ where: { id: item.id } })).toBe(0);
    });
  });
}
