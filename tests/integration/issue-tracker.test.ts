import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DAY, FakeClock } from "../../app/infra/clock";
import {
  acknowledgeEscalation,
  addActionItem,
  claimActionItem,
  postProgress,
  respondToAcceptance,
  triageIssue,
} from "../../app/domain/issues/issue-actions.server";
import { addCategory, moveCategory, renameCategory, setCategoryArchived } from "../../app/domain/issues/categories.server";
import { communityStats, issueWhere, listFilterOptions, listIssues } from "../../app/domain/issues/queries.server";
import { parseListQuery } from "../../app/schemas/issues";
import { raiseIssue } from "../../app/domain/issues/raise.server";
import { runTrackerSweep } from "../../app/domain/issues/sweep.server";
import { chinaDateString } from "../../app/infra/time";
import type { IncomingFile } from "../../app/web/multipart-form.server";
import { LocalDiskStorage, thumbnailKeyOf } from "../../app/infra/storage.server";
import type { Db } from "../../app/infra/db.server";
import { createDb } from "../../app/infra/db.server";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import { actorOf, createCommunity, createUser } from "../helpers/fixtures";
import type { RunningServer } from "../helpers/server";
import { startServer } from "../helpers/server";

const PNG = Uint8Array.from(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64"),
);
const photo = (bytes: Uint8Array, filename = "photo.png"): IncomingFile => ({ field: "photos", filename, bytes, tooLarge: false });
const notAnImage = () => photo(new TextEncoder().encode("#!/bin/sh\necho this is not a photo\n"), "楼道.jpg");

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

/** A community with a grid, categories, a department and a company, and one person in each role. */
async function trackerWorld(db: Db) {
  const { street, community, grid } = await createCommunity(db);
  const category = await db.issueCategory.create({
    data: { communityId: community.id, key: "environment", nameZh: "环境卫生", nameEn: "Environment" },
  });
  const department = await db.unit.create({
    data: { streetId: street.id, nameZh: "西湖区住建局", nameEn: "Xihu Housing Bureau", kind: "department", sectorGroup: "governance" },
  });
  const company = await db.unit.create({
    data: {
      streetId: street.id,
      communityId: community.id,
      nameZh: "北山物业",
      nameEn: "Beishan Property",
      kind: "company",
      sectorGroup: "livelihood",
    },
  });
  const other = await db.unit.create({
    data: { streetId: street.id, nameZh: "杭州水务", nameEn: "Hangzhou Water", kind: "company", sectorGroup: "livelihood" },
  });
  const staff = await createUser(db, { communityId: community.id, role: "community_staff" });
  const gridWorker = await createUser(db, { communityId: community.id, role: "grid_worker" });
  await db.membership.updateMany({ where: { userId: gridWorker.user.id }, data: { gridId: grid.id } });
  const resident = await createUser(db, { communityId: community.id, role: "resident" });
  await db.membership.updateMany({ where: { userId: resident.user.id }, data: { gridId: grid.id } });
  const deptRep = await createUser(db, { communityId: community.id, role: "unit_rep", unitId: department.id });
  const companyRep = await createUser(db, { communityId: community.id, role: "unit_rep", unitId: company.id });
  const otherRep = await createUser(db, { communityId: community.id, role: "unit_rep", unitId: other.id });
  return {
    street,
    community: { id: community.id, slug: community.slug, streetId: street.id },
    grid,
    category,
    department,
    company,
    other,
    accounts: { staff, gridWorker, resident, deptRep, companyRep, otherRep },
    actors: {
      staff: await actorOf(db, staff.user.id),
      gridWorker: await actorOf(db, gridWorker.user.id),
      resident: await actorOf(db, resident.user.id),
      deptRep: await actorOf(db, deptRep.user.id),
      companyRep: await actorOf(db, companyRep.user.id),
      otherRep: await actorOf(db, otherRep.user.id),
    },
  };
}

describe.each([
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
])("issue tracker rules on %s", (_name, fresh) => {
  let database: TestDatabase;
  // Each test has a community, photo store and clock of its own; only the database is shared.
  let world: Awaited<ReturnType<typeof trackerWorld>>;
  let uploadDir: string;
  let storage: LocalDiskStorage;
  let clock: FakeClock;

  beforeAll(async () => {
    database = await fresh();
  });
  afterAll(async () => {
    await database?.drop();
  });
  beforeEach(async () => {
    world = await trackerWorld(database.db);
    uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "yishi-uploads-"));
    storage = new LocalDiskStorage(uploadDir);
    clock = new FakeClock(new Date("2026-11-22T09:00:00+08:00"));
  });
  afterEach(() => {
    if (uploadDir) fs.rmSync(uploadDir, { recursive: true, force: true });
  });

  const raise = (title = "3幢楼道灯坏了", photos: IncomingFile[] = []) =>
    raiseIssue(
      database.db,
      clock,
      storage,
      world.actors.gridWorker,
      world.community,
      {
        title,
        description: "晚上楼道一片漆黑，老人上下楼危险。",
        categoryId: world.category.id,
        gridId: world.grid.id,
        urgency: "normal",
        address: undefined,
      },
      photos,
    );

  it("two staff moving the same issue at the same moment: exactly one succeeds", async () => {
    const issue = await raise();
    // Two separate connections, as two app processes would have.
    const second = createDb(database.url);
    try {
      const results = await Promise.allSettled([
        triageIssue(database.db, clock, world.actors.staff, issue.id, { intent: "accept", version: 0 }),
        triageIssue(second, clock, world.actors.staff, issue.id, { intent: "reject", version: 0, reason: "重复提交" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ kind: "conflict", key: "issues:errors.changed_meanwhile" });
    } finally {
      await second.$disconnect();
    }
    const row = await database.db.issue.findUniqueOrThrow({ where: { id: issue.id } });
    expect(["accepted", "rejected"]).toContain(row.status);
    expect(row.version).toBe(1);
    // One timeline event and one audit row for the one move that happened.
    expect(await database.db.issueEvent.count({ where: { issueId: issue.id, type: { in: ["accept", "reject"] } } })).toBe(1);
    expect(await database.db.auditLog.count({ where: { entityId: issue.id, action: { in: ["issue.accept", "issue.reject"] } } })).toBe(1);
  });

  it("a file that is not an image is refused and nothing is half-written", async () => {
    const issuesBefore = await database.db.issue.count();
    const attachmentsBefore = await database.db.attachment.count();
    const filesBefore = filesUnder(uploadDir);
    await expect(raise("带一张假照片", [photo(PNG), notAnImage()])).rejects.toMatchObject({
      kind: "invalid",
      key: "issues:errors.upload_not_image",
      values: { name: "楼道.jpg" },
    });
    expect(await database.db.issue.count()).toBe(issuesBefore);
    expect(await database.db.attachment.count()).toBe(attachmentsBefore);
    expect(filesUnder(uploadDir)).toEqual(filesBefore);
  });

  it("real photos are stored (re-encoded, with a thumbnail beside them) and linked to the issue", async () => {
    const issue = await raise("带两张照片", [photo(PNG), photo(PNG, "b.png")]);
    const attachments = await database.db.attachment.findMany({ where: { issueId: issue.id } });
    expect(attachments).toHaveLength(2);
    for (const a of attachments) {
      // Never the uploaded bytes themselves (they may carry the phone's GPS position): the pixels, re-encoded.
      const stored = await sharp((await storage.get(a.storageKey)) ?? new Uint8Array()).metadata();
      expect({ format: stored.format, width: stored.width, height: stored.height, exif: stored.exif }).toEqual({
        format: "jpeg",
        width: 1,
        height: 1,
        exif: undefined,
      });
      expect({ mime: a.mime, width: a.width, height: a.height }).toEqual({ mime: "image/jpeg", width: 1, height: 1 });
      expect(await storage.get(thumbnailKeyOf(a.storageKey))).not.toBeNull();
    }
  });

  it("a resident cannot triage", async () => {
    const issue = await raise("居民不能分拣");
    for (const command of [
      { intent: "accept", version: 0 },
      { intent: "reject", version: 0, reason: "x" },
      { intent: "escalate", version: 0, unitId: world.department.id, dueDate: "2026-12-30" },
    ] as const) {
      await expect(triageIssue(database.db, clock, world.actors.resident, issue.id, command)).rejects.toMatchObject({ kind: "forbidden" });
    }
    expect((await database.db.issue.findUniqueOrThrow({ where: { id: issue.id } })).status).toBe("submitted");
  });

  it("a unit rep cannot update another unit's action item", async () => {
    const issue = await raise("只能更新本单位任务");
    await triageIssue(database.db, clock, world.actors.staff, issue.id, { intent: "accept", version: 0 });
    const { actionItemId } = await addActionItem(database.db, clock, world.actors.staff, issue.id, {
      unitId: world.company.id,
      description: "更换楼道灯",
      dueDate: "2026-12-05",
    });
    const filesBefore = filesUnder(uploadDir);
    await expect(claimActionItem(database.db, clock, world.actors.otherRep, actionItemId)).rejects.toMatchObject({
      kind: "forbidden",
      key: "issues:errors.not_your_unit",
    });
    await expect(
      postProgress(database.db, clock, storage, world.actors.otherRep, actionItemId, { text: "冒名更新", percent: 90, done: false }, [
        photo(PNG),
      ]),
    ).rejects.toMatchObject({ kind: "forbidden" });
    await expect(
      postProgress(database.db, clock, storage, world.actors.otherRep, actionItemId, { percent: 100, done: true }, []),
    ).rejects.toMatchObject({ kind: "forbidden" });
    const item = await database.db.actionItem.findUniqueOrThrow({ where: { id: actionItemId } });
    expect(item).toMatchObject({ status: "open", percent: 0 });
    expect(await database.db.progressUpdate.count({ where: { actionItemId } })).toBe(0);
    expect(filesUnder(uploadDir)).toEqual(filesBefore);
    // The owner unit may.
    await claimActionItem(database.db, clock, world.actors.companyRep, actionItemId);
    expect((await database.db.actionItem.findUniqueOrThrow({ where: { id: actionItemId } })).status).toBe("claimed");
  });

  it("runs the whole chain: escalate, report for duty, action item, progress, done, residents confirm", async () => {
    const issue = await raise("天目山路危旧房");
    const due = chinaDateString(new Date(clock.now().getTime() + 5 * DAY));
    await triageIssue(database.db, clock, world.actors.staff, issue.id, {
      intent: "escalate",
      version: 0,
      unitId: world.department.id,
      dueDate: due,
      note: "请组织房屋安全鉴定",
    });
    const escalated = await database.db.notification.findMany({
      where: { userId: world.accounts.deptRep.user.id, type: "escalated_to_department" },
    });
    expect(escalated).toHaveLength(1);

    await expect(acknowledgeEscalation(database.db, clock, world.actors.companyRep, issue.id, 1)).rejects.toMatchObject({
      kind: "forbidden",
    });
    await acknowledgeEscalation(database.db, clock, world.actors.deptRep, issue.id, 1, "已到岗");
    const { actionItemId } = await addActionItem(database.db, clock, world.actors.staff, issue.id, {
      unitId: world.company.id,
      description: "加固楼梯",
      dueDate: due,
    });
    expect((await database.db.issue.findUniqueOrThrow({ where: { id: issue.id } })).status).toBe("in_progress");

    // The resident follows; progress reaches the reporter and the follower once each.
    await database.db.issueFollower.create({ data: { issueId: issue.id, userId: world.accounts.resident.user.id } });
    await postProgress(
      database.db,
      clock,
      storage,
      world.actors.companyRep,
      actionItemId,
      { text: "已完成一半", percent: 50, done: false },
      [photo(PNG)],
    );
    await postProgress(database.db, clock, storage, world.actors.companyRep, actionItemId, { text: "完工", percent: 100, done: true }, []);
    const issueRow = await database.db.issue.findUniqueOrThrow({ where: { id: issue.id } });
    expect(issueRow.status).toBe("awaiting_acceptance");
    expect(issueRow.acceptanceDueAt?.getTime()).toBe(clock.now().getTime() + 7 * DAY);
    for (const person of [world.accounts.gridWorker, world.accounts.resident]) {
      const mine = await database.db.notification.findMany({ where: { userId: person.user.id }, select: { type: true, dedupeKey: true } });
      // The 50 % update, then "please rate": "done" is not announced a second time to those asked to rate.
      expect(mine.filter((n) => n.type === "progress_posted")).toHaveLength(1);
      expect(mine.filter((n) => n.type === "acceptance_requested")).toHaveLength(1);
      expect(new Set(mine.map((n) => n.dedupeKey)).size).toBe(mine.length);
    }

    // Someone who neither raised nor follows it is not asked; the first rating waits for the follower's.
    await expect(respondToAcceptance(database.db, clock, world.actors.otherRep, issue.id, { rating: 5 })).rejects.toMatchObject({
      kind: "forbidden",
    });
    await respondToAcceptance(database.db, clock, world.actors.gridWorker, issue.id, { rating: 5 });
    expect((await database.db.issue.findUniqueOrThrow({ where: { id: issue.id } })).status).toBe("awaiting_acceptance");
    await expect(respondToAcceptance(database.db, clock, world.actors.gridWorker, issue.id, { rating: 4 })).rejects.toMatchObject({
      key: "issues:errors.already_answered",
    });
    clock.advance(DAY);
    await respondToAcceptance(database.db, clock, world.actors.resident, issue.id, { rating: 4, reason: "修得不错" });
    const resolved = await database.db.issue.findUniqueOrThrow({ where: { id: issue.id } });
    expect(resolved.status).toBe("resolved");
    expect(resolved.satisfactionAverage).toBe(4.5);
    expect(resolved.resolutionDays).toBeCloseTo(1, 5);
    const stats = await communityStats(database.db, world.community.id, clock.now());
    expect(stats.medianDaysToResolve).toBeCloseTo(1, 5);
    expect(stats.resolvedThisMonth).toBe(1);
    expect(stats.open).toBe(
      await database.db.issue.count({
        where: { communityId: world.community.id, status: { notIn: ["resolved", "closed", "rejected", "merged"] } },
      }),
    );
    // The public list's index-only counts agree with Prisma's on this provider too.
    const options = await listFilterOptions(database.db, world.community);
    for (const query of [
      "status=resolved",
      "status=open",
      `status=open&grid=${world.grid.code}&category=environment`,
      "q=危旧房",
      "page=2",
    ]) {
      const filters = parseListQuery(new URLSearchParams(query));
      const list = await listIssues(database.db, world.community, options, filters, clock.now());
      expect(list.total, query).toBe(await database.db.issue.count({ where: issueWhere(world.community, options, filters, clock.now()) }));
    }
    const resolvedList = await listIssues(
      database.db,
      world.community,
      options,
      parseListQuery(new URLSearchParams("status=resolved")),
      clock.now(),
    );
    expect(resolvedList.issues.map((i) => i.id)).toEqual([issue.id]);
    await expect(
      respondToAcceptance(database.db, clock, world.actors.resident, issue.id, { rating: 1, reason: "晚了" }),
    ).rejects.toMatchObject({ key: "issues:errors.acceptance_closed" });

    const types = (
      await database.db.issueEvent.findMany({
        where: { issueId: issue.id },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { type: true },
      })
    ).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        "submitted",
        "escalate",
        "acknowledge",
        "action_item_added",
        "start_work",
        "progress_posted",
        "action_item_done",
        "request_acceptance",
        "confirm_fixed",
      ]),
    );
  });

  it("staff keep the community's own category list; residents cannot change it", async () => {
    const added = await addCategory(database.db, clock, world.actors.staff, world.community, { nameZh: "宠物管理", nameEn: "Pets" });
    expect(added.key).toBe("pets");
    await renameCategory(database.db, clock, world.actors.staff, world.community, added.id, { nameZh: "文明养犬", nameEn: "Dogs" });
    await moveCategory(database.db, clock, world.actors.staff, world.community, added.id, "up");
    await setCategoryArchived(database.db, clock, world.actors.staff, world.community, added.id, true);
    const rows = await database.db.issueCategory.findMany({ where: { communityId: world.community.id }, orderBy: { position: "asc" } });
    expect(rows.map((r) => r.nameZh)).toEqual(["文明养犬", "环境卫生"]);
    expect(rows[0].archivedAt).not.toBeNull();
    // The last category in use cannot be archived, and residents may not edit the list.
    await expect(
      setCategoryArchived(database.db, clock, world.actors.staff, world.community, world.category.id, true),
    ).rejects.toMatchObject({ key: "issues:errors.last_category" });
    await expect(
      addCategory(database.db, clock, world.actors.resident, world.community, { nameZh: "x", nameEn: "x" }),
    ).rejects.toMatchObject({ kind: "forbidden" });
    await expect(
      raise("用停用分类提交").then(() =>
        raiseIssue(
          database.db,
          clock,
          storage,
          world.actors.gridWorker,
          world.community,
          { title: "停用分类", description: "x", categoryId: added.id, gridId: undefined, address: undefined, urgency: "low" },
          [],
        ),
      ),
    ).rejects.toMatchObject({ key: "issues:errors.category_required" });
    expect(await database.db.auditLog.count({ where: { entityId: added.id, action: { startsWith: "category." } } })).toBe(4);
  });

  it("a 'not fixed' rating reopens with the comment and takes back the others' requests; silence closes the issue", async () => {
    const neighbour = await createUser(database.db, { communityId: world.community.id, role: "resident" });
    const finish = async (title: string) => {
      const issue = await raise(title);
      for (const person of [world.accounts.resident, neighbour])
        await database.db.issueFollower.create({ data: { issueId: issue.id, userId: person.user.id } });
      await triageIssue(database.db, clock, world.actors.staff, issue.id, { intent: "accept", version: 0 });
      const { actionItemId } = await addActionItem(database.db, clock, world.actors.staff, issue.id, {
        unitId: world.company.id,
        description: "处理",
        dueDate: chinaDateString(new Date(clock.now().getTime() + 3 * DAY)),
      });
      await postProgress(database.db, clock, storage, world.actors.companyRep, actionItemId, { percent: 100, done: true }, []);
      return issue;
    };
    const unhappy = await finish("修了还是坏");
    const pending = (userId: string, number = unhappy.number) =>
      database.db.notification.count({ where: { userId, type: "acceptance_requested", readAt: null, link: { endsWith: `/${number}` } } });
    expect(await pending(neighbour.user.id)).toBe(1);
    await expect(respondToAcceptance(database.db, clock, world.actors.resident, unhappy.id, { rating: 2 })).rejects.toMatchObject({
      key: "issues:errors.reason_required",
    });
    await expect(respondToAcceptance(database.db, clock, world.actors.resident, unhappy.id, { rating: 6 })).rejects.toMatchObject({
      kind: "invalid",
    });
    await respondToAcceptance(database.db, clock, world.actors.gridWorker, unhappy.id, { rating: 5 });
    expect((await database.db.issue.findUniqueOrThrow({ where: { id: unhappy.id } })).status).toBe("awaiting_acceptance");
    await respondToAcceptance(database.db, clock, world.actors.resident, unhappy.id, { rating: 2, reason: "灯还是不亮" });
    const reopened = await database.db.issue.findUniqueOrThrow({ where: { id: unhappy.id } });
    expect(reopened.status).toBe("reopened");
    expect((await database.db.issueEvent.findFirstOrThrow({ where: { issueId: unhappy.id, type: "reopen" } })).note).toBe("灯还是不亮");
    // The neighbour who had not rated yet is no longer asked to rate a reopened issue.
    expect(await pending(neighbour.user.id)).toBe(0);
    expect(await pending(world.accounts.resident.user.id)).toBe(0);

    // The window ends with one rating in: resolved with that rating as the average.
    const halfRated = await finish("一人评价");
    expect(await pending(neighbour.user.id, halfRated.number)).toBe(1);
    await respondToAcceptance(database.db, clock, world.actors.resident, halfRated.id, { rating: 3 });
    clock.advance(7 * DAY);
    await runTrackerSweep(database.db, clock);
    const settled = await database.db.issue.findUniqueOrThrow({ where: { id: halfRated.id } });
    expect(settled.status).toBe("resolved");
    expect(settled.satisfactionAverage).toBe(3);
    expect(await pending(neighbour.user.id, halfRated.number)).toBe(0);

    const silent = await finish("没人评价");
    clock.advance(7 * DAY - 1);
    await runTrackerSweep(database.db, clock);
    expect((await database.db.issue.findUniqueOrThrow({ where: { id: silent.id } })).status).toBe("awaiting_acceptance");
    clock.advance(1);
    const sweep = await runTrackerSweep(database.db, clock);
    expect(sweep.closed).toBeGreaterThanOrEqual(1);
    expect((await database.db.issue.findUniqueOrThrow({ where: { id: silent.id } })).status).toBe("closed");
    // Running it again changes nothing and notifies nobody twice.
    const again = await runTrackerSweep(database.db, clock);
    expect(again.closed).toBe(0);
    expect(again.reminded).toEqual([]);
  });
});

describe("tracker over HTTP", () => {
  let database: TestDatabase;
  let server: RunningServer;
  let uploadDir: string;
  // Each test has a community of its own on the shared server.
  let world: Awaited<ReturnType<typeof trackerWorld>>;

  beforeAll(async () => {
    database = await freshSqlite();
    uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "yishi-uploads-"));
    server = await startServer(database.url, { UPLOAD_DIR: uploadDir });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    if (uploadDir) fs.rmSync(uploadDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    world = await trackerWorld(database.db);
  });

  const raiseStreetLight = () =>
    raiseIssue(
      database.db,
      new FakeClock(),
      new LocalDiskStorage(uploadDir),
      world.actors.gridWorker,
      world.community,
      {
        title: "路灯不亮",
        description: "东门路灯坏了",
        categoryId: world.category.id,
        gridId: world.grid.id,
        urgency: "normal",
        address: undefined,
      },
      [],
    );

  async function signIn(account: { username: string; password: string }): Promise<string> {
    const response = await fetch(`${server.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: account.username, password: account.password, redirectTo: "/" }),
    });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("yishi_session="));
    if (!cookie) throw new Error("sign-in failed");
    const community = `yishi_community=${encodeURIComponent(JSON.stringify(world.community.slug))}`;
    return `${cookie.split(";")[0]}; ${community}`;
  }

  it("refuses a non-image upload with a translated message, keeps what was typed and writes nothing", async () => {
    const cookie = await signIn(world.accounts.gridWorker);
    const attachmentsBefore = await database.db.attachment.count();
    const filesBefore = filesUnder(uploadDir);
    const form = new FormData();
    form.set("title", "垃圾桶满了没人清");
    form.set("description", "小区东门垃圾桶三天没清运。");
    form.set("categoryId", world.category.id);
    form.set("gridId", world.grid.id);
    form.set("urgency", "high");
    form.append("photos", new Blob([PNG], { type: "image/png" }), "ok.png");
    form.append("photos", new Blob(["MZ this is an executable"], { type: "image/jpeg" }), "photo.jpg");
    const response = await fetch(`${server.url}/issues/new`, {
      method: "POST",
      redirect: "manual",
      body: form,
      headers: { Cookie: cookie, "Accept-Language": "zh-CN" },
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("“photo.jpg”不是图片");
    expect(html).toContain("垃圾桶满了没人清");
    expect(html).toContain("小区东门垃圾桶三天没清运。");
    expect(await database.db.issue.count({ where: { title: "垃圾桶满了没人清" } })).toBe(0);
    expect(await database.db.attachment.count()).toBe(attachmentsBefore);
    expect(filesUnder(uploadDir)).toEqual(filesBefore);
  });

  it("a resident posting a triage decision gets 403 and the issue does not move", async () => {
    const issue = await raiseStreetLight();
    const cookie = await signIn(world.accounts.resident);
    const response = await fetch(`${server.url}/c/${world.community.slug}/issues/${issue.number}`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "accept", version: "0" }),
    });
    expect(response.status).toBe(403);
    expect((await database.db.issue.findUniqueOrThrow({ where: { id: issue.id } })).status).toBe("submitted");
  });

  it("staff download a CSV that opens with correct Chinese (UTF-8 with BOM); others may not", async () => {
    await raiseStreetLight();
    const cookie = await signIn(world.accounts.staff);
    const response = await fetch(`${server.url}/c/${world.community.slug}/issues.csv?status=open`, {
      headers: { Cookie: cookie, "Accept-Language": "zh-CN" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toContain("attachment");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes.subarray(3));
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("编号,标题,状态,分类,网格,地址,紧急程度,提交时间,解决时间,吹哨部门,责任单位,是否逾期,也遇到人数");
    expect(lines.some((line) => line.includes("路灯不亮") && line.includes("待分拣") && line.includes("环境卫生"))).toBe(true);
    // Named by the date in China, in the reader's language.
    const today = chinaDateString(new Date());
    expect(response.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent(`测试社区-事项-${today}.csv`)}`);
    const english = await fetch(`${server.url}/c/${world.community.slug}/issues.csv`, {
      headers: { Cookie: cookie, "Accept-Language": "en" },
    });
    expect(english.headers.get("content-disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent(`Test Community-issues-${today}.csv`)}`,
    );

    const residentCookie = await signIn(world.accounts.resident);
    const refused = await fetch(`${server.url}/c/${world.community.slug}/issues.csv`, { headers: { Cookie: residentCookie } });
    expect(refused.status).toBe(403);
  });
});
