import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIELDS } from "../../app/domain/open-data/datasets";
import { PAGE_ROWS } from "../../app/domain/open-data/export.server";
import { FakeClock } from "../../app/infra/clock";
import { loader } from "../../app/routes/open-data.$kind.$slug.$file";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import type { Place } from "../helpers/fixtures";
import {
  createCategories,
  createClosedPoll,
  createCommunity,
  createDecision,
  createIssue,
  createMeeting,
  createUser,
} from "../helpers/fixtures";

/**
 * Issue #14: open data. Anyone downloads a community's or a street's issues, decisions and poll results as
 * CSV or JSON, with stable field names and nothing that identifies a person; an unchanged file is a 304.
 */
for (const [provider, fresh] of [
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
] as const) {
  describe(`open data on ${provider}`, () => {
    let database: TestDatabase;
    let place: Place;
    let second: Place;
    const secrets = { reporterName: "", description: "王小明家门口，电话13800138000", address: "松木场路8号3单元" };

    const download = async (path: string, headers: Record<string, string> = {}) => {
      const [kind, slug, file] = path.split("/");
      const request = new Request(`http://localhost/open-data/${path}`, { headers });
      const context = { db: database.db, clock: new FakeClock(new Date()) } as unknown as AppLoadContext;
      try {
        return await loader({ request, params: { kind, slug, file }, context });
      } catch (thrown) {
        if (thrown instanceof Response) return thrown;
        // A refusal is the error page's data with its status (web/route.server.ts).
        const refusal = thrown as { init?: { status?: number }; data?: unknown };
        if (refusal.init?.status) return new Response(JSON.stringify(refusal.data), { status: refusal.init.status });
        throw thrown;
      }
    };

    beforeAll(async () => {
      database = await fresh();
      const db = database.db;
      place = await createCommunity(db);
      second = await createCommunity(db, { street: place.street });
      const categories = await createCategories(db, place.community.id);
      const reporter = await createUser(db, { communityId: place.community.id, displayName: "王小明" });
      secrets.reporterName = reporter.user.displayName;
      const staff = await createUser(db, { communityId: place.community.id, role: "community_staff" });
      const issue = await createIssue(db, {
        communityId: place.community.id,
        categoryId: categories.environment.id,
        reporterId: reporter.user.id,
        gridId: place.grid.id,
        title: "垃圾桶满了",
        description: secrets.description,
        address: secrets.address,
        status: "resolved",
      });
      await db.issue.update({ where: { id: issue.id }, data: { satisfactionAverage: 4.333333 } });
      // More than one page of issues, so the download pages through them.
      await db.issue.createMany({
        data: Array.from({ length: PAGE_ROWS + 5 }, (_, i) => ({
          communityId: place.community.id,
          number: 100 + i,
          categoryId: categories.environment.id,
          title: `路灯不亮 ${i}`,
          description: secrets.description,
          reporterId: reporter.user.id,
        })),
      });
      const { meeting } = await createMeeting(db, {
        communityId: place.community.id,
        hostId: staff.user.id,
        createdById: staff.user.id,
        title: "三月议事会",
        status: "ended",
      });
      const { poll } = await createClosedPoll(db, {
        meetingId: meeting.id,
        createdById: staff.user.id,
        question: "是否加装电梯",
        ballotMode: "secret",
        openedAt: new Date(Date.now() - 3_600_000),
        closedAt: new Date(),
        counts: { yes: [12, 3], no: [4, 0], abstain: [1, 0] },
        attendance: { eligible: 25, present: 21 },
      });
      await createDecision(db, {
        meetingId: meeting.id,
        pollId: poll.id,
        issueId: issue.id,
        text: "同意加装电梯",
        createdById: staff.user.id,
        status: "final",
      });
      await createDecision(db, { meetingId: meeting.id, text: "草稿决议", createdById: staff.user.id, status: "draft" });
    });
    afterAll(async () => {
      await database?.drop();
    });

    it("streams every issue as CSV with the documented header and no personal data", async () => {
      const response = await download(`c/${place.community.slug}/issues.csv`);
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toContain("text/csv");
      expect(response.headers.get("Cache-Control")).toContain("public");
      const text = await response.text();
      const lines = text
        .replace(/^\uFEFF/, "")
        .trimEnd()
        .split("\r\n");
      expect(lines[0]).toBe(FIELDS.issues.join(","));
      expect(lines).toHaveLength(1 + 1 + PAGE_ROWS + 5);
      expect(lines[1]).toContain("垃圾桶满了");
      expect(lines[1]).toContain(",4.33");
      expect(lines[1]).toContain(place.grid.code);
      for (const secret of [secrets.reporterName, "13800138000", secrets.address, "王小明家门口"]) expect(text).not.toContain(secret);
    });

    it("gives the same issues as JSON objects with exactly the documented fields", async () => {
      const response = await download(`c/${place.community.slug}/issues.json`);
      const records = (await response.json()) as Record<string, unknown>[];
      expect(records).toHaveLength(1 + PAGE_ROWS + 5);
      expect(Object.keys(records[0])).toEqual([...FIELDS.issues]);
      expect(records[0]).toMatchObject({
        community: place.community.slug,
        number: 1,
        title: "垃圾桶满了",
        status: "resolved",
        rating_average: 4.33,
      });
      expect(records.map((r) => r.number)).toEqual([...records.map((r) => r.number)].sort((a, b) => Number(a) - Number(b)));
    });

    it("publishes decisions past their draft and poll results as totals only", async () => {
      const decisions = (await (await download(`c/${place.community.slug}/decisions.json`)).json()) as Record<string, unknown>[];
      expect(decisions.map((d) => d.text)).toEqual(["同意加装电梯"]);
      expect(decisions[0]).toMatchObject({ status: "final", issue_number: 1 });
      const results = (await (await download(`c/${place.community.slug}/meeting-results.json`)).json()) as Record<string, unknown>[];
      expect(results.map((r) => [r.option, r.votes])).toEqual([
        ["赞成", 15],
        ["反对", 4],
        ["弃权", 1],
      ]);
      expect(results[0]).toMatchObject({ ballot_mode: "secret", eligible: 25, present: 21, quorum_met: true, passed: true });
      expect(Object.keys(results[0])).toEqual([...FIELDS["meeting-results"]]);
    });

    it("covers the whole street, and an empty community gives an empty file", async () => {
      const street = (await (await download(`s/${place.street.slug}/issues.json`)).json()) as unknown[];
      expect(street).toHaveLength(1 + PAGE_ROWS + 5);
      expect(await (await download(`c/${second.community.slug}/issues.json`)).json()).toEqual([]);
      const bytes = await (await download(`c/${second.community.slug}/decisions.csv`)).arrayBuffer();
      const empty = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
      expect(empty).toBe(`\uFEFF${FIELDS.decisions.join(",")}\r\n`);
    });

    it("answers 304 while nothing changed, and a new ETag once an issue changes", async () => {
      const first = await download(`c/${place.community.slug}/issues.csv`);
      const etag = first.headers.get("ETag") ?? "";
      expect(etag).toMatch(/^"[\w-]+-csv"$/);
      const again = await download(`c/${place.community.slug}/issues.csv`, { "If-None-Match": etag });
      expect(again.status).toBe(304);
      await database.db.issue.updateMany({ where: { communityId: place.community.id, number: 1 }, data: { status: "closed" } });
      const changed = await download(`c/${place.community.slug}/issues.csv`, { "If-None-Match": etag });
      expect(changed.status).toBe(200);
      expect(changed.headers.get("ETag")).not.toBe(etag);
    });

    it("refuses unknown datasets, formats, communities and malformed names with 404", async () => {
      for (const path of [
        `c/${place.community.slug}/people.csv`,
        `c/${place.community.slug}/issues.xml`,
        "c/no-such-community/issues.csv",
        `x/${place.community.slug}/issues.csv`,
        `c/${place.community.slug}/..%2Fissues.csv`,
        `c/${"a".repeat(5000)}/issues.csv`,
      ]) {
        const response = await download(path);
        expect(response.status, path).toBe(404);
      }
    });
  });
}
