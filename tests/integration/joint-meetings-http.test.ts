import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "../helpers/databases";
import { freshSqlite } from "../helpers/databases";
import { createCommunity, createUnit, createUser } from "../helpers/fixtures";
import { TEST_SESSION_SECRET } from "../helpers/live-meeting";
import type { RunningServer } from "../helpers/server";
import { startServer } from "../helpers/server";
import { createSession } from "../helpers/sessions";

/**
 * The joint-meeting pages over HTTP with what a broken client or an attacker sends: malformed ids, seats for
 * other people or other units, impossible calendar rules, huge fields, the wrong role. Every answer is a
 * page or a refusal (4xx), never a server error, and nothing is created by a refused form.
 */
describe("joint-meeting pages refuse hostile input", () => {
  let database: TestDatabase;
  let server: RunningServer;
  let staffCookie: string;
  let repCookie: string;
  let unitId: string;
  let repId: string;
  let staffId: string;
  let strangerUnitId: string;
  let strangerRepId: string;

  beforeAll(async () => {
    database = await freshSqlite();
    server = await startServer(database.url);
    const place = await createCommunity(database.db);
    const other = await createCommunity(database.db, { street: place.street });
    const unit = await createUnit(database.db, {
      streetId: place.street.id,
      communityId: place.community.id,
      kind: "company",
      sectorGroup: "livelihood",
      nameZh: "北山物业",
      nameEn: "Beishan Property",
    });
    const stranger = await createUnit(database.db, {
      streetId: place.street.id,
      communityId: other.community.id,
      kind: "school",
      sectorGroup: "culture",
      nameZh: "宝石小学",
      nameEn: "Baoshi School",
    });
    unitId = unit.id;
    strangerUnitId = stranger.id;
    const rep = await createUser(database.db, { communityId: place.community.id, role: "unit_rep", unitId: unit.id });
    const strangerRep = await createUser(database.db, { communityId: other.community.id, role: "unit_rep", unitId: stranger.id });
    const staff = await createUser(database.db, { communityId: place.community.id, role: "community_staff" });
    repId = rep.user.id;
    staffId = staff.user.id;
    strangerRepId = strangerRep.user.id;
    staffCookie = (await createSession(database.db, staff.user.id, TEST_SESSION_SECRET)).header;
    repCookie = (await createSession(database.db, rep.user.id, TEST_SESSION_SECRET)).header;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  const post = (path: string, fields: [string, string][], as = staffCookie) =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: as, Origin: server.url },
      body: new URLSearchParams(fields),
    });
  const series = (
    overrides: Record<string, string> = {},
    seats: [string, string, string][] = [[unitId, repId, ""]],
  ): [string, string][] => [
    ...Object.entries({
      title: "共建联席会议",
      theme: "共建项目推进",
      place: "党群服务中心",
      frequency: "quarterly",
      monthInPeriod: "1",
      dayRule: "nth_weekday",
      ordinal: "1",
      weekday: "4",
      dayOfMonth: "1",
      time: "14:30",
      ahead: "2",
      hostId: staffId,
      quorumRule: "more_than_half",
      ...overrides,
    }),
    ...seats.flatMap(([unit, delegate, substitute]): [string, string][] => [
      ["seatUnit", unit],
      ["seatDelegate", delegate],
      ["seatSubstitute", substitute],
    ]),
  ];

  it("answers malformed and unknown addresses with 404 or 400, never 500", async () => {
    for (const path of ["/joint-meetings/%00", `/joint-meetings/${"x".repeat(80)}`, "/joint-meetings/nope", "/joint-meetings/nope/edit"]) {
      const response = await fetch(`${server.url}${path}`, { headers: { Cookie: staffCookie } });
      expect([400, 404], path).toContain(response.status);
    }
  });

  it("refuses hostile series forms with a 4xx, keeps what was typed, and creates nothing", async () => {
    const huge = "会".repeat(5000);
    const refused = await post("/joint-meetings/new", series({ title: huge }));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain(huge);
    const answers = [
      await post("/joint-meetings/new", series({ frequency: "daily" })),
      await post("/joint-meetings/new", series({ time: "25:99" })),
      await post("/joint-meetings/new", series({ ordinal: "0" })),
      await post("/joint-meetings/new", series({ weekday: "1e308" })),
      await post("/joint-meetings/new", series({ hostId: repId })),
      await post("/joint-meetings/new", series({}, [[strangerUnitId, strangerRepId, ""]])),
      await post("/joint-meetings/new", series({}, [[unitId, strangerRepId, ""]])),
      await post("/joint-meetings/new", series({}, [[unitId, repId, repId]])),
      await post("/joint-meetings/new", series({}, [[unitId, "", repId]])),
      await post("/joint-meetings/new", series({}, [["__proto__", "\u0000", ""]])),
      await post("/joint-meetings/new", series({}, [])),
      await post(
        "/joint-meetings/new",
        series(
          {},
          Array.from({ length: 300 }, () => [unitId, repId, ""] as [string, string, string]),
        ),
      ),
      await post("/joint-meetings/new", series(), repCookie),
    ];
    for (const answer of answers) expect(answer.status, await answer.text()).toBeGreaterThanOrEqual(400);
    for (const answer of answers) expect(answer.status).toBeLessThan(500);
    expect(await database.db.jointMeetingSeries.count()).toBe(0);
  });

  it("creates a series from a valid form, and only staff may open or post its edit page", async () => {
    const created = await post("/joint-meetings/new", series());
    expect(created.status).toBe(302);
    const location = created.headers.get("Location") as string;
    expect(location).toMatch(/^\/joint-meetings\/[A-Za-z0-9_-]+$/);
    expect(await database.db.meeting.count({ where: { form: "joint" } })).toBe(2);
    expect((await fetch(`${server.url}${location}`)).status).toBe(200);
    expect((await fetch(`${server.url}${location}/edit`, { headers: { Cookie: repCookie } })).status).toBe(403);
    const edit = await post(`${location}/edit`, series({ place: "别处" }), repCookie);
    expect(edit.status).toBe(403);
    expect(await database.db.jointMeetingSeries.count({ where: { place: "别处" } })).toBe(0);
    const signedOut = await post("/joint-meetings/new", series(), "");
    expect([302, 303, 401]).toContain(signedOut.status);
  });
});
