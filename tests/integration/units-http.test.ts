import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../helpers/databases";
import { freshSqlite } from "../helpers/databases";
import { createCommunity, createUnit, createUser } from "../helpers/fixtures";
import { TEST_SESSION_SECRET } from "../helpers/live-meeting";
import type { RunningServer } from "../helpers/server";
import { startServer } from "../helpers/server";
import { createSession } from "../helpers/sessions";

/**
 * The units' pages over HTTP with what a broken client or an attacker sends: malformed ids, other units' ids,
 * unknown intents, huge fields. Every answer is a page or a refusal (4xx), never a server error, and a refused
 * form comes back with what was typed.
 */
describe("units' pages refuse hostile input", () => {
  let database: TestDatabase;
  let server: RunningServer;
  let cookie: string;
  let staffCookie: string;
  let unitId: string;
  let otherUnitItemId: string;
  let slug: string;

  beforeAll(async () => {
    database = await freshSqlite();
    server = await startServer(database.url);
    const place = await createCommunity(database.db);
    slug = place.community.slug;
    const unit = await createUnit(database.db, {
      streetId: place.street.id,
      communityId: place.community.id,
      kind: "company",
      sectorGroup: "livelihood",
      nameZh: "北山物业",
      nameEn: "Beishan Property",
      resources: [["楼道保洁", "Stairwell cleaning"]],
    });
    const other = await createUnit(database.db, {
      streetId: place.street.id,
      kind: "police",
      sectorGroup: "governance",
      nameZh: "北山派出所",
      nameEn: "Beishan Police",
      resources: [["反诈宣讲", "Anti-fraud talks"]],
    });
    unitId = unit.id;
    otherUnitItemId = (await database.db.unitListItem.findFirstOrThrow({ where: { unitId: other.id } })).id;
    const rep = await createUser(database.db, { communityId: place.community.id, role: "unit_rep", unitId: unit.id });
    const staff = await createUser(database.db, { communityId: place.community.id, role: "community_staff" });
    cookie = (await createSession(database.db, rep.user.id, TEST_SESSION_SECRET)).header;
    staffCookie = (await createSession(database.db, staff.user.id, TEST_SESSION_SECRET)).header;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  const post = (path: string, fields: Record<string, string>, as = cookie) =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: as, Origin: server.url },
      body: new URLSearchParams(fields),
    });

  it("answers malformed and unknown addresses with 404 or 400, never 500", async () => {
    for (const path of ["/units/%00", `/units/${"x".repeat(80)}`, "/units/nope", "/needs/nope", "/projects/nope", "/c/nope/needs"]) {
      const response = await fetch(`${server.url}${path}`);
      expect([400, 404], path).toContain(response.status);
    }
    // A malformed filter is ignored, not an error.
    const filtered = await fetch(`${server.url}/units?sector=%00&offers=rocket&area=${"a".repeat(200)}&q=${"楼".repeat(500)}`);
    expect(filtered.status).toBe(200);
  });

  it("refuses hostile forms with a 4xx and keeps what was typed", async () => {
    const huge = "物".repeat(5000);
    const refused = await post(`/units/${unitId}`, { intent: "add_item", list: "resource", titleZh: huge, category: "venue" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(huge);
    const answers = [
      await post(`/units/${unitId}`, { intent: "launch_rocket" }),
      await post(`/units/${unitId}`, { intent: "add_item", list: "secret", titleZh: "会议室", category: "venue" }),
      await post(`/units/${unitId}`, { intent: "add_item", list: "resource", titleZh: "会议室", category: "<script>" }),
      await post(`/units/${unitId}`, { intent: "remove_item", itemId: otherUnitItemId }),
      await post(`/units/${unitId}`, { intent: "update_item", itemId: "\u0000", titleZh: "x", category: "venue" }),
      await post(`/units/${unitId}`, { intent: "accept", matchId: "not-a-match" }),
      await post(`/units/${unitId}`, { intent: "offer", needId: "__proto__" }),
      await post(`/needs/nope`, { intent: "request", unitId }, staffCookie),
      await post(`/projects/nope`, { intent: "progress", progress: "1e308" }, staffCookie),
      await post(`/c/${slug}/needs`, { intent: "add_need", titleZh: "场地", category: "venue", areaId: "someone-elses-area" }, staffCookie),
      await post(`/c/${slug}/needs`, { intent: "add_need", titleZh: "场地", category: "venue" }, cookie),
    ];
    for (const answer of answers) expect(answer.status, await answer.text()).toBeGreaterThanOrEqual(400);
    for (const answer of answers) expect(answer.status).toBeLessThan(500);
    // The other unit's entry is untouched.
    expect(await database.db.unitListItem.count({ where: { id: otherUnitItemId } })).toBe(1);
  });

  it("a visitor who has not signed in is sent to sign in when posting", async () => {
    const answer = await post(`/units/${unitId}`, { intent: "add_item", list: "resource", titleZh: "会议室", category: "venue" }, "");
    expect([302, 303, 401]).toContain(answer.status);
  });
});
