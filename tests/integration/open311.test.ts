import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, FakeClock } from "../../app/infra/clock";
import { loader as discovery } from "../../app/routes/open311.v2.discovery[.json]";
import { loader as oneRequest } from "../../app/routes/open311.v2.requests.$file";
import { loader as requests } from "../../app/routes/open311.v2.requests[.json]";
import { loader as serviceDefinition } from "../../app/routes/open311.v2.services.$file";
import { loader as services } from "../../app/routes/open311.v2.services[.json]";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import type { Place } from "../helpers/fixtures";
import { createCategories, createCommunity, createIssue, createUnit, createUser } from "../helpers/fixtures";

/** Every field a GeoReport v2 service request carries (http://wiki.open311.org/GeoReport_v2), in the spec's order. */
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
const SERVICE_FIELDS = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"];
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Issue #14: an Open311 GeoReport v2 client reads a community's services and requests, with the spec's field
 * names, filters and error bodies; nothing a resident wrote beyond the title is published.
 */
for (const [provider, fresh] of [
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
] as const) {
  describe(`Open311 GeoReport v2 reads on ${provider}`, () => {
    let database: TestDatabase;
    let place: Place;
    const now = new Date();

    const call = async (route: (args: LoaderFunctionArgs) => Promise<Response>, path: string, params: Record<string, string> = {}) => {
      const context = { db: database.db, clock: new FakeClock(now) } as unknown as AppLoadContext;
      const response = await route({ request: new Request(`http://localhost${path}`), params, context });
      return { status: response.status, type: response.headers.get("Content-Type"), body: (await response.json()) as unknown };
    };
    const j = () => `jurisdiction_id=${place.community.slug}`;

    beforeAll(async () => {
      database = await fresh();
      const db = database.db;
      place = await createCommunity(db);
      await createCommunity(db, { street: place.street });
      const categories = await createCategories(db, place.community.id);
      const reporter = await createUser(db, { communityId: place.community.id, displayName: "李阿姨" });
      const department = await createUnit(db, {
        streetId: place.street.id,
        kind: "department",
        sectorGroup: "livelihood",
        nameZh: "城管科",
        nameEn: "City management",
      });
      const base = { communityId: place.community.id, reporterId: reporter.user.id };
      await createIssue(db, {
        ...base,
        categoryId: categories.environment.id,
        title: "垃圾桶满了",
        description: "李阿姨 13800138000",
        createdAt: new Date(now.getTime() - 200 * DAY),
      });
      await createIssue(db, {
        ...base,
        categoryId: categories.environment.id,
        title: "楼道堆物",
        status: "resolved",
        createdAt: new Date(now.getTime() - 5 * DAY),
      });
      await createIssue(db, {
        ...base,
        categoryId: categories.safety.id,
        title: "路灯不亮",
        address: "松木场路8号",
        status: "escalated",
        escalation: { unitId: department.id, dueAt: new Date(now.getTime() + DAY) },
        createdAt: new Date(now.getTime() - DAY),
      });
    });
    afterAll(async () => {
      await database?.drop();
    });

    it("describes itself at discovery.json", async () => {
      const { status, body } = await call(discovery, "/open311/v2/discovery.json");
      expect(status).toBe(200);
      expect(body).toMatchObject({
        endpoints: [{ specification: "http://wiki.open311.org/GeoReport_v2", type: "production", formats: ["application/json"] }],
      });
    });

    it("lists the community's categories as services, and defines one", async () => {
      const { status, type, body } = await call(services, `/open311/v2/services.json?${j()}`);
      expect(status).toBe(200);
      expect(type).toContain("application/json");
      const list = body as Record<string, unknown>[];
      expect(list.length).toBeGreaterThan(1);
      for (const service of list) expect(Object.keys(service)).toEqual(SERVICE_FIELDS);
      expect(list.find((s) => s.service_code === "environment")).toMatchObject({ metadata: false, type: "realtime" });
      const definition = await call(serviceDefinition, `/open311/v2/services/environment.json?${j()}`, { file: "environment.json" });
      expect(definition.body).toEqual({ service_code: "environment", attributes: [] });
      expect((await call(serviceDefinition, `/open311/v2/services/nope.json?${j()}`, { file: "nope.json" })).status).toBe(404);
    });

    it("answers GET requests with exactly the spec's fields, the last 90 days by default, newest first", async () => {
      const { status, body } = await call(requests, `/open311/v2/requests.json?${j()}`);
      expect(status).toBe(200);
      const list = body as Record<string, unknown>[];
      expect(list.map((r) => r.description)).toEqual(["路灯不亮", "楼道堆物"]);
      for (const request of list) {
        expect(Object.keys(request)).toEqual(REQUEST_FIELDS);
        expect(request.requested_datetime).toMatch(W3C_DATETIME);
        expect(request.updated_datetime).toMatch(W3C_DATETIME);
        expect(typeof request.service_request_id).toBe("string");
      }
      expect(list[0]).toMatchObject({
        status: "open",
        status_notes: "escalated",
        service_code: "safety",
        agency_responsible: "城管科 City management",
        address: null,
      });
      expect(list[1]).toMatchObject({ status: "closed", status_notes: "resolved" });
      expect(JSON.stringify(body)).not.toContain("松木场路8号");
    });

    it("filters by status, service, dates and ids", async () => {
      const get = async (query: string) =>
        ((await call(requests, `/open311/v2/requests.json?${j()}&${query}`)).body as { description: string }[]).map((r) => r.description);
      expect(await get("status=closed")).toEqual(["楼道堆物"]);
      expect(await get("status=open")).toEqual(["路灯不亮"]);
      expect(await get("service_code=environment")).toEqual(["楼道堆物"]);
      const start = new Date(now.getTime() - 365 * DAY).toISOString();
      expect(await get(`start_date=${encodeURIComponent(start)}`)).toEqual(["路灯不亮", "楼道堆物", "垃圾桶满了"]);
      expect(
        await get(
          `start_date=${encodeURIComponent(start)}&end_date=${encodeURIComponent(new Date(now.getTime() - 100 * DAY).toISOString())}`,
        ),
      ).toEqual(["垃圾桶满了"]);
      expect(await get("service_request_id=1,3")).toEqual(["路灯不亮", "垃圾桶满了"]);
      const one = await call(oneRequest, `/open311/v2/requests/1.json?${j()}`, { file: "1.json" });
      expect(one.body).toEqual([expect.objectContaining({ service_request_id: "1", description: "垃圾桶满了" })]);
      expect(JSON.stringify(one.body)).not.toContain("13800138000");
    });

    it("answers bad requests with the spec's error array and status", async () => {
      for (const [route, path, params, code] of [
        [requests, "/open311/v2/requests.json", {}, 400],
        [requests, "/open311/v2/requests.json?jurisdiction_id=nowhere", {}, 404],
        [requests, `/open311/v2/requests.json?${j()}&status=pending`, {}, 400],
        [requests, `/open311/v2/requests.json?${j()}&start_date=yesterday`, {}, 400],
        [requests, `/open311/v2/requests.json?${j()}&start_date=2026-02-01&end_date=2026-01-01`, {}, 400],
        [
          requests,
          `/open311/v2/requests.json?${j()}&service_request_id=${Array.from({ length: 1001 }, (_, i) => i + 1).join(",")}`,
          {},
          400,
        ],
        [requests, `/open311/v2/requests.json?${j()}&service_request_id=1;DROP`, {}, 400],
        [oneRequest, `/open311/v2/requests/999.json?${j()}`, { file: "999.json" }, 404],
        [oneRequest, `/open311/v2/requests/abc.json?${j()}`, { file: "abc.json" }, 404],
        [services, `/open311/v2/services.json?jurisdiction_id=${"x".repeat(500)}`, {}, 400],
      ] as const) {
        const { status, body } = await call(route, path, params);
        expect(status, path).toBe(code);
        expect(body, path).toEqual([{ code, description: expect.any(String) }]);
      }
    });
  });
}
