import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../app/infra/clock";
import { createOpen311Key, listOpen311Keys, revokeOpen311Key } from "../../app/domain/open311/keys.server";
import { openDataScope, datasetRecords } from "../../app/domain/open-data/export.server";
import { loader as oneRequest } from "../../app/routes/open311.v2.requests.$file";
import { action as post, loader as requests } from "../../app/routes/open311.v2.requests[.json]";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import type { Place } from "../helpers/fixtures";
import { actorOf, createCategories, createCommunity, createUser } from "../helpers/fixtures";

const REQUEST_FIELDS = [
  "service_request_id",
  "status",
  "status_notes",
  "service_name",
  "service_code",
  "description",
  "agency_responsible",
  "service_notice",
  "requested_datetime",
  "updated_datetime",
  "expected_datetime",
  "address",
  "address_id",
  "zipcode",
  "lat",
  "long",
  "media_url",
];

/**
 * Issue #14: an Open311 client files a request with its API key; it becomes a `submitted` issue, staff hear of
 * it, and the requester's contact details and address never appear in any public answer.
 */
for (const [provider, fresh] of [
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
] as const) {
  describe(`Open311 GeoReport v2 POST on ${provider}`, () => {
    let database: TestDatabase;
    let place: Place;
    let other: Place;
    let key: string;
    let otherKey: string;
    let staffId: string;
    const now = new Date();
    const ip = `10.9.${provider.length}.${Math.floor(Math.random() * 250)}`;

    const context = (clientIp = ip) => ({ db: database.db, clock: new FakeClock(now), clientIp }) as unknown as AppLoadContext;
    const send = async (body: string, type = "application/x-www-form-urlencoded", clientIp = ip) => {
      const request = new Request("http://localhost/open311/v2/requests.json", { method: "POST", body, headers: { "Content-Type": type } });
      const response = await post({ request, params: {}, context: context(clientIp) } as ActionFunctionArgs);
      return { status: response.status, body: (await response.json()) as unknown };
    };
    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    const get = async (route: (args: LoaderFunctionArgs) => Promise<Response>, path: string, params: Record<string, string> = {}) => {
      const response = await route({ request: new Request(`http://localhost${path}`), params, context: context() });
      return (await response.json()) as unknown;
    };

    beforeAll(async () => {
      database = await fresh();
      const db = database.db;
      place = await createCommunity(db);
      other = await createCommunity(db, { street: place.street });
      await createCategories(db, place.community.id);
      await createCategories(db, other.community.id);
      const staff = await createUser(db, { communityId: place.community.id, role: "community_staff" });
      staffId = staff.user.id;
      const otherStaff = await createUser(db, { communityId: other.community.id, role: "community_staff" });
      const clock = new FakeClock(now);
      key = (await createOpen311Key(db, clock, await actorOf(db, staffId), place.community, "12345 热线")).key;
      otherKey = (await createOpen311Key(db, clock, await actorOf(db, otherStaff.user.id), other.community, "other")).key;
    });
    afterAll(async () => {
      await database?.drop();
    });

    it("files a form-encoded request that the GET then shows with the spec's fields and no contact details", async () => {
      const filed = await send(
        form({
          api_key: key,
          jurisdiction_id: place.community.slug,
          service_code: "environment",
          description: "垃圾桶满了\n已经三天没人清运",
          address_string: "松木场路8号3单元",
          first_name: "秀英",
          last_name: "王",
          email: "wang@example.com",
          phone: "13800138000",
        }),
      );
      expect(filed.status).toBe(201);
      expect(filed.body).toEqual([
        { service_request_id: expect.stringMatching(/^\d+$/), service_notice: expect.any(String), account_id: null },
      ]);
      const id = (filed.body as { service_request_id: string }[])[0].service_request_id;
      const one = (await get(oneRequest, `/open311/v2/requests/${id}.json?jurisdiction_id=${place.community.slug}`, {
        file: `${id}.json`,
      })) as Record<string, unknown>[];
      expect(Object.keys(one[0])).toEqual(REQUEST_FIELDS);
      expect(one[0]).toMatchObject({
        service_request_id: id,
        status: "open",
        status_notes: "submitted",
        service_code: "environment",
        description: "垃圾桶满了",
      });
      const list = await get(requests, `/open311/v2/requests.json?jurisdiction_id=${place.community.slug}`);
      const records = [];
      for await (const record of datasetRecords(database.db, await openDataScope(database.db, "c", place.community.slug), "issues"))
        records.push(record);
      for (const published of [one, list, records]) {
        const text = JSON.stringify(published);
        for (const secret of ["13800138000", "wang@example.com", "秀英", "松木场路8号", "三天没人清运"]) expect(text).not.toContain(secret);
      }
      const issue = await database.db.issue.findUniqueOrThrow({
        where: { communityId_number: { communityId: place.community.id, number: Number(id) } },
        select: { id: true, status: true, address: true, reporter: { select: { disabledAt: true } } },
      });
      expect(issue.status).toBe("submitted");
      expect(issue.address).toBe("松木场路8号3单元");
      expect(issue.reporter.disabledAt).not.toBeNull();
      const row = await database.db.auditLog.findFirstOrThrow({ where: { action: "issue.raise_open311", entityId: issue.id } });
      expect(row.data).toContain("12345 热线");
      expect(row.data).toContain("13800138000");
      expect(await database.db.notification.count({ where: { userId: staffId, type: "issue_raised" } })).toBeGreaterThan(0);
      const keys = await listOpen311Keys(database.db, await actorOf(database.db, staffId), place.community);
      expect(keys.find((k) => k.label === "12345 热线")?.lastUsedAt).not.toBeNull();
    });

    it("files a JSON request with coordinates and no jurisdiction_id", async () => {
      const filed = await send(
        JSON.stringify({ api_key: key, service_code: "parking", description: "车辆堵住消防通道", lat: 30.27, long: 120.15 }),
        "application/json; charset=utf-8",
      );
      expect(filed.status).toBe(201);
    });

    it("answers every bad request with the spec's error array", async () => {
      const revoked = await createOpen311Key(database.db, new FakeClock(now), await actorOf(database.db, staffId), place.community, "old");
      await revokeOpen311Key(database.db, new FakeClock(now), await actorOf(database.db, staffId), place.community, revoked.id);
      const valid = { api_key: key, service_code: "environment", description: "路灯不亮" };
      const cases: [string, string, string, number][] = [
        ["missing key", form({ service_code: "environment", description: "x" }), "application/x-www-form-urlencoded", 400],
        ["unknown key", form({ ...valid, api_key: "o311_nope" }), "application/x-www-form-urlencoded", 403],
        ["revoked key", form({ ...valid, api_key: revoked.key }), "application/x-www-form-urlencoded", 403],
        [
          "foreign jurisdiction",
          form({ ...valid, api_key: otherKey, jurisdiction_id: place.community.slug }),
          "application/x-www-form-urlencoded",
          403,
        ],
        ["malformed JSON", `{"api_key": "${key}",`, "application/json", 400],
        ["JSON array", "[1,2]", "application/json", 400],
        ["other content type", "api_key=x", "text/plain", 400],
        ["huge body", form({ ...valid, description: "x".repeat(300 * 1024) }), "application/x-www-form-urlencoded", 413],
        ["10,000-char description", form({ ...valid, description: "长".repeat(10_000) }), "application/x-www-form-urlencoded", 400],
        ["empty description", form({ ...valid, description: "  " }), "application/x-www-form-urlencoded", 400],
        ["missing service", form({ api_key: key, description: "x" }), "application/x-www-form-urlencoded", 400],
        ["unknown service", form({ ...valid, service_code: "nothing_here" }), "application/x-www-form-urlencoded", 404],
        ["bad latitude", form({ ...valid, lat: "91", long: "120" }), "application/x-www-form-urlencoded", 400],
        ["lat without long", form({ ...valid, lat: "30" }), "application/x-www-form-urlencoded", 400],
        ["bad email", form({ ...valid, email: "not-an-email" }), "application/x-www-form-urlencoded", 400],
        ["description as object", JSON.stringify({ ...valid, description: { a: 1 } }), "application/json", 400],
      ];
      const before = await database.db.issue.count();
      for (const [name, body, type, code] of cases) {
        const answer = await send(body, type, `${ip}-${name}`);
        expect(answer.status, name).toBe(code);
        expect(answer.body, name).toEqual([{ code, description: expect.any(String) }]);
      }
      expect(await database.db.issue.count()).toBe(before);
    });

    it("rate-limits a flooding key with 429", async () => {
      const flood = await createOpen311Key(database.db, new FakeClock(now), await actorOf(database.db, staffId), place.community, "flood");
      const statuses: number[] = [];
      // Invalid bodies keep it fast: the key's budget is spent before the fields are checked.
      for (let i = 0; i < 32; i++)
        statuses.push((await send(form({ api_key: flood.key, service_code: "environment" }), undefined, `${ip}-flood-${i}`)).status);
      expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
      expect(statuses.slice(30)).toEqual([429, 429]);
    });

    it("rate-limits a flooding address with 429", async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 61; i++) statuses.push((await send(form({ api_key: "o311_nope" }), undefined, `${ip}-one-address`)).status);
      expect(statuses.at(-1)).toBe(429);
      expect(statuses.slice(0, 60).every((s) => s === 403)).toBe(true);
    });

    it("lets only community staff manage keys", async () => {
      const resident = await createUser(database.db, { communityId: place.community.id, role: "resident" });
      await expect(
        createOpen311Key(database.db, new FakeClock(now), await actorOf(database.db, resident.user.id), place.community, "x"),
      ).rejects.toThrow();
      const foreignStaff = await createUser(database.db, { communityId: other.community.id, role: "community_staff" });
      const keys = await listOpen311Keys(database.db, await actorOf(database.db, staffId), place.community);
      await expect(
        revokeOpen311Key(database.db, new FakeClock(now), await actorOf(database.db, foreignStaff.user.id), other.community, keys[0].id),
      ).rejects.toThrow();
    });
  });
}
