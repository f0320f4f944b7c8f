import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../helpers/databases";
import { freshSqlite } from "../helpers/databases";
import {
  createCategories,
  createCommunity,
  createDecision,
  createIssue,
  createMeeting,
  createUnit,
  createUser,
  unique,
} from "../helpers/fixtures";
import { TEST_SESSION_SECRET } from "../helpers/live-meeting";
import type { RunningServer } from "../helpers/server";
import { startServer } from "../helpers/server";
import { createSession } from "../helpers/sessions";
import { FORMER_RESIDENT_NAME } from "../../app/domain/enrolment/former-resident";

/**
 * Personal information (issue #12, ADR 0020): phone numbers and home addresses are for the community's staff
 * and the grid's worker only. Signed out, as a resident, a unit representative and an expert, this test walks
 * every page reachable from the home page and the community's pages (and each page's `.data`, and every
 * export linked for that role), and looks for the distinctive phones and addresses of other people.
 */

// Phones nobody else uses; in responses they are searched with spaces and dashes removed.
const PHONES = { victim: "13987650001", helped: "13987650002", worker: "13987650009", staff: "13987650010", rep: "13987650011" };
// 88幢6单元1701室: the resident roll's address of the victims, in both languages and bare.
const ADDRESS_MARKS = ["88幢", "1701室", "Building 88", "room 1701", "Room 1701", '"1701"', '"88"'];

describe("no page shows another person's phone or address to those without the right", () => {
  let database: TestDatabase;
  let server: RunningServer;
  let slug: string;
  let decisionId: string;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    database = await freshSqlite();
    const db = database.db;
    const place = await createCommunity(db);
    slug = place.community.slug;
    const communityId = place.community.id;
    const categories = await createCategories(db, communityId);
    const unit = await createUnit(db, {
      streetId: place.street.id,
      communityId,
      kind: "company",
      sectorGroup: "livelihood",
      nameZh: "北山物业",
      nameEn: "Beishan Property",
      resources: [["楼道保洁", "Stairwell cleaning"]],
    });
    const person = async (
      role: "resident" | "grid_worker" | "community_staff" | "meeting_host" | "unit_rep" | "expert",
      displayName: string,
      phone?: string,
      extra: { gridId?: string; unitId?: string; isResidentRep?: boolean } = {},
    ) => (await createUser(db, { communityId, role, displayName, phone, username: phone ?? `u-${unique()}`, ...extra })).user;
    const victim = await person("resident", "钱阿婆", PHONES.victim, { gridId: place.grid.id, isResidentRep: true });
    const helped = await person("resident", "孙大爷", PHONES.helped, { gridId: place.grid.id });
    const worker = await person("grid_worker", "李网格", PHONES.worker, { gridId: place.grid.id });
    const staff = await person("community_staff", "陈主任", PHONES.staff);
    const host = await person("meeting_host", "主持人");
    for (const [i, resident] of [victim, helped].entries())
      await db.residentRecord.create({
        data: {
          communityId,
          userId: resident.id,
          gridId: place.grid.id,
          building: "88",
          entrance: "6",
          room: "1701",
          householdKey: `k-${i}-${unique()}`,
        },
      });

    // Their traces across the app: issues raised (one for them by the grid worker), an objection, a meeting roll.
    const raised = await createIssue(db, {
      communityId,
      categoryId: categories.property.id,
      gridId: place.grid.id,
      reporterId: victim.id,
      title: "电梯经常停运",
      status: "accepted",
      movedById: staff.id,
    });
    await createIssue(db, {
      communityId,
      categoryId: categories.environment.id,
      gridId: place.grid.id,
      reporterId: helped.id,
      title: "垃圾清运不及时",
      status: "awaiting_acceptance",
      movedById: staff.id,
    });
    await db.issue.updateMany({ where: { reporterId: helped.id }, data: { actedById: worker.id, consentMethod: "in_person" } });
    await db.issueFollower.create({ data: { issueId: raised.id, userId: helped.id, meToo: true } });
    const { meeting } = await createMeeting(db, {
      communityId,
      hostId: host.id,
      createdById: staff.id,
      title: "电梯议事会",
      status: "ended",
      roll: [
        { userId: victim.id, name: "钱阿婆", role: "resident_rep", canVote: true },
        { userId: null, name: "王奶奶", role: "resident_rep", canVote: true },
      ],
      agenda: [{ title: "电梯维修", issueId: raised.id }],
    });
    const decision = await createDecision(db, { meetingId: meeting.id, text: "更换3号楼电梯", createdById: staff.id, status: "notice" });
    await db.objection.create({ data: { decisionId: decision.id, authorId: victim.id, reason: "费用分摊不合理" } });
    await db.objection.create({
      data: { decisionId: decision.id, authorId: helped.id, actedById: worker.id, consentMethod: "phone", reason: "希望先修旧电梯" },
    });

    // A resident whose account was deleted: the name is the marker pages translate.
    const former = await person("resident", FORMER_RESIDENT_NAME, undefined, { gridId: place.grid.id });
    await db.objection.create({ data: { decisionId: decision.id, authorId: former.id, reason: "噪音太大" } });
    decisionId = decision.id;

    // The people who look: a resident (with a phone of their own), a unit representative, an expert.
    const viewers = {
      resident: await person("resident", "赵居民", undefined, { gridId: place.grid.id }),
      unitRep: await person("unit_rep", "刘代表", PHONES.rep, { unitId: unit.id }),
      expert: await person("expert", "孙专家"),
    };
    for (const [name, user] of Object.entries(viewers)) cookies[name] = (await createSession(db, user.id, TEST_SESSION_SECRET)).header;
    cookies.visitor = "";
    cookies.staff = (await createSession(db, staff.id, TEST_SESSION_SECRET)).header;
    server = await startServer(database.url);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  /** Same-site links of a page worth following (no sign-out, no language or text-size switches, no files). */
  function linksOf(html: string): string[] {
    const links = new Set<string>();
    for (const match of html.matchAll(/href="(\/[^"#]*)"/g)) {
      const href = match[1]!.replace(/&amp;/g, "&");
      if (href.startsWith("//") || /^\/(logout|set-|assets\/|uploads\/|favicon|build\/)/.test(href)) continue;
      if (/\.(css|js|png|jpg|svg|ico|webmanifest|docx|pdf)(\?|$)/.test(href)) continue;
      links.add(href);
    }
    return [...links];
  }

  /** `.data` address of a page under single fetch. */
  const dataUrl = (href: string) => {
    const url = new URL(href, server.url);
    url.pathname = url.pathname === "/" ? "/_root.data" : `${url.pathname.replace(/\/$/, "")}.data`;
    return url.toString();
  };

  function leaks(body: string, ownPhone?: string): string[] {
    const flat = body.replace(/[\s-]/g, "");
    const found: string[] = [];
    for (const phone of Object.values(PHONES)) if (phone !== ownPhone && flat.includes(phone)) found.push(phone);
    for (const mark of ADDRESS_MARKS) if (body.includes(mark)) found.push(mark);
    return found;
  }

  /** Walks what `cookie` reaches (pages, their `.data`, linked exports); returns what leaked where. */
  async function crawl(cookie: string, ownPhone?: string): Promise<{ pages: string[]; problems: string[] }> {
    const headers = cookie ? { Cookie: cookie } : undefined;
    const queue = ["/", `/c/${slug}`, `/c/${slug}/issues`, "/units"];
    const seen = new Set(queue);
    const problems: string[] = [];
    const pages: string[] = [];
    while (queue.length && pages.length < 160) {
      const href = queue.shift()!;
      pages.push(href);
      const response = await fetch(`${server.url}${href}`, { headers, redirect: "manual" });
      expect(response.status, href).toBeLessThan(500);
      const type = response.headers.get("content-type") ?? "";
      const body = await response.text();
      for (const leak of leaks(body, ownPhone)) problems.push(`${href}: ${leak}`);
      if (!type.includes("text/html")) continue;
      const data = await fetch(dataUrl(href), { headers, redirect: "manual" });
      expect(data.status, `${href}.data`).toBeLessThan(500);
      for (const leak of leaks(await data.text(), ownPhone)) problems.push(`${href}.data: ${leak}`);
      for (const link of linksOf(body)) {
        // One page of each list is enough: filters and pages repeat the same rows.
        const key = link.replace(/([?&])(page|status|category|grid|q|unit|overdue|sort)=[^&]*/g, "$1");
        if (!seen.has(key)) {
          seen.add(key);
          queue.push(link);
        }
      }
    }
    return { pages, problems };
  }

  it.each([
    ["visitor", undefined],
    ["resident", undefined],
    ["unitRep", PHONES.rep],
    ["expert", undefined],
  ] as const)(
    "as %s: no leak on any reachable page, its data or exports",
    async (role, ownPhone) => {
      const { pages, problems } = await crawl(cookies[role]!, ownPhone);
      // The walk reaches the issue and decision pages where these people's traces are.
      expect(
        pages.some((p) => /\/issues\/\d+$/.test(p)),
        pages.join(" "),
      ).toBe(true);
      expect(
        pages.some((p) => p.includes("/decisions/")),
        pages.join(" "),
      ).toBe(true);
      expect(problems).toEqual([]);
    },
    240_000,
  );

  it("the same walk as staff does find them (staff may see them), so the test can see a leak", async () => {
    const { problems } = await crawl(cookies.staff!);
    expect(problems.some((p) => p.includes(PHONES.victim))).toBe(true);
  }, 240_000);

  it("a deleted person shows as “former resident” on English pages and 已注销居民 on Chinese ones", async () => {
    const page = async (language: string) =>
      (await fetch(`${server.url}/decisions/${decisionId}`, { headers: { Cookie: cookies.staff!, "Accept-Language": language } })).text();
    const english = await page("en");
    expect(english).toContain("former resident");
    expect(english).not.toContain(FORMER_RESIDENT_NAME);
    expect(await page("zh-CN")).toContain(FORMER_RESIDENT_NAME);
  });
});
