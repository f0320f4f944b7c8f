import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportRows, listFilterOptions, listIssues } from "../../app/domain/issues/queries.server";
import { IssueListQuery } from "../../app/schemas/issues";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import type { Place } from "../helpers/fixtures";
import { createCategories, createCommunity, createIssue, createUnit, createUser } from "../helpers/fixtures";

/**
 * Issue #14: the public list's text search goes through an index (SQLite FTS5 trigram, PostgreSQL pg_trgm)
 * and stays right as issues are raised, edited and deleted: Chinese and English words, two-character Chinese
 * words, a title found by its new words and no longer by its old ones.
 */
for (const [provider, fresh] of [
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
] as const) {
  describe(`issue text search on ${provider}`, () => {
    let database: TestDatabase;
    let place: Place;
    let other: Place;
    let categoryId: string;
    let reporterId: string;
    const now = new Date();

    const search = async (q: string, extra: Record<string, string> = {}, where: Place = place) => {
      const filters = IssueListQuery.parse({ q, ...extra });
      const options = await listFilterOptions(database.db, where.community);
      const list = await listIssues(database.db, where.community, options, filters, now);
      return { total: list.total, titles: list.issues.map((issue) => issue.title) };
    };

    beforeAll(async () => {
      database = await fresh();
      const db = database.db;
      place = await createCommunity(db);
      other = await createCommunity(db, { street: place.street });
      const categories = await createCategories(db, place.community.id);
      categoryId = categories.environment.id;
      reporterId = (await createUser(db, { communityId: place.community.id })).user.id;
      const raise = (title: string, description?: string, status?: "submitted" | "resolved") =>
        createIssue(db, { communityId: place.community.id, categoryId, reporterId, title, description, status });
      await raise("小区门口垃圾桶满了", "三号楼前的垃圾桶已经两天没人清理。");
      await raise("清理楼道垃圾", "楼道堆放杂物。", "resolved");
      await raise("Broken streetlight near gate 2", "The STREETLIGHT has been dark since Monday.");
      await raise("路灯不亮", "东门路灯坏了。");
      await raise("Noise at night", "Loud music from unit 5.");
      // The same words in another community must not show up here.
      const otherCategories = await createCategories(db, other.community.id);
      await createIssue(db, {
        communityId: other.community.id,
        categoryId: otherCategories.environment.id,
        reporterId,
        title: "垃圾桶坏了",
      });
    });
    afterAll(async () => {
      await database?.drop();
    });

    it("finds Chinese words of three or more characters anywhere in the title or description", async () => {
      expect((await search("垃圾桶")).titles).toEqual(["小区门口垃圾桶满了"]);
      expect((await search("两天没人清理")).titles).toEqual(["小区门口垃圾桶满了"]);
    });

    it("finds two-character Chinese words, also at the very end of a title", async () => {
      // "清理楼道垃圾" ends with 垃圾; "小区门口垃圾桶满了" has it in the middle.
      expect((await search("垃圾")).titles).toEqual(["清理楼道垃圾", "小区门口垃圾桶满了"]);
      expect((await search("路灯")).titles).toEqual(["路灯不亮"]);
      expect((await search("门口")).total).toBe(1);
      expect((await search("火车")).total).toBe(0);
    });

    it("finds English words whatever their case, and single characters by a scan", async () => {
      expect((await search("streetlight")).titles).toEqual(["Broken streetlight near gate 2"]);
      expect((await search("LOUD MUSIC")).titles).toEqual(["Noise at night"]);
      expect((await search("灯")).titles).toEqual(["路灯不亮"]);
    });

    it("combines the text with the other filters and pages", async () => {
      expect((await search("垃圾", { status: "done" })).titles).toEqual(["清理楼道垃圾"]);
      expect((await search("垃圾", { status: "open" })).titles).toEqual(["小区门口垃圾桶满了"]);
      expect((await search("垃圾", { overdue: "1" })).total).toBe(0);
      const unit = await createUnit(database.db, {
        streetId: place.street.id,
        kind: "other",
        sectorGroup: "economy",
        nameZh: "物业公司",
        nameEn: "Property firm",
      });
      expect((await search("垃圾", { unit: unit.id })).total).toBe(0);
      expect((await search("垃圾", { page: "2" })).titles).toEqual([]);
    });

    it("finds an edited title by its new words and no longer by its old ones", async () => {
      const issue = await createIssue(database.db, { communityId: place.community.id, categoryId, reporterId, title: "电梯故障" });
      expect((await search("电梯故障")).total).toBe(1);
      await database.db.issue.update({ where: { id: issue.id }, data: { title: "Lift out of order", description: "Stuck on floor 3." } });
      expect((await search("电梯故障")).total).toBe(0);
      expect((await search("电梯")).total).toBe(0);
      expect((await search("lift out")).titles).toEqual(["Lift out of order"]);
      expect((await search("floor 3")).total).toBe(1);
    });

    it("forgets a deleted issue", async () => {
      const issue = await createIssue(database.db, { communityId: place.community.id, categoryId, reporterId, title: "井盖丢失" });
      expect((await search("井盖丢失")).total).toBe(1);
      await database.db.issueEvent.deleteMany({ where: { issueId: issue.id } });
      await database.db.issueFollower.deleteMany({ where: { issueId: issue.id } });
      await database.db.issue.delete({ where: { id: issue.id } });
      expect((await search("井盖丢失")).total).toBe(0);
      expect((await search("井盖")).total).toBe(0);
    });

    it("treats quotes and search operators in the query as plain text", async () => {
      expect((await search('"垃圾" OR *')).total).toBe(0);
      expect((await search("NEAR(a b)")).total).toBe(0);
      expect((await search('"')).total).toBe(0);
    });

    it("exports the same matches as the list shows", async () => {
      const rows = await exportRows(database.db, { ...place.community }, IssueListQuery.parse({ q: "垃圾" }), now);
      expect(rows.map((row) => row.title)).toEqual(["清理楼道垃圾", "小区门口垃圾桶满了"]);
    });
  });
}
