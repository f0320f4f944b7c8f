import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assistPage } from "../../app/domain/assisted/assist-page.server";
import { fileObjection } from "../../app/domain/decisions/decisions.server";
import { publicDecisionPage, staffDecisionPage } from "../../app/domain/decisions/decision-page.server";
import { isDomainError } from "../../app/domain/errors";
import { respondToAcceptance } from "../../app/domain/issues/issue-actions.server";
import { issuePage } from "../../app/domain/issues/issue-page.server";
import { raiseIssue } from "../../app/domain/issues/raise.server";
import { FakeClock } from "../../app/infra/clock";
import type { Db } from "../../app/infra/db.server";
import { LocalDiskStorage } from "../../app/infra/storage.server";
import { AssistIntentSchema } from "../../app/schemas/assist";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import {
  actorOf,
  createCategories,
  createCommunity,
  createDecision,
  createIssue,
  createMeeting,
  createUser,
  unique,
} from "../helpers/fixtures";

async function refusal(promise: Promise<unknown>): Promise<{ kind: string; key: string }> {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return { kind: error.kind, key: error.key };
    throw error;
  }
  throw new Error("expected a refusal");
}

/** Two grids; 张阿姨 lives in the first (on the roll), 王大爷 in the second; a worker for each, staff, a host. */
async function assistWorld(db: Db) {
  const place = await createCommunity(db);
  const community = place.community;
  const grid2 = await db.grid.create({ data: { communityId: community.id, code: `B-${unique()}`, nameZh: "第二网格", nameEn: "Grid 2" } });
  const categories = await createCategories(db, community.id);
  const person = async (role: "resident" | "grid_worker" | "community_staff" | "meeting_host", displayName: string, gridId?: string) =>
    (await createUser(db, { communityId: community.id, role, displayName, gridId })).user;
  const aunt = await person("resident", "张阿姨");
  await db.residentRecord.create({
    data: {
      communityId: community.id,
      userId: aunt.id,
      gridId: place.grid.id,
      building: "3",
      entrance: "2",
      room: "301",
      householdKey: `k-${unique()}`,
    },
  });
  const uncle = await person("resident", "王大爷", grid2.id);
  const worker = await person("grid_worker", "李网格", place.grid.id);
  const otherWorker = await person("grid_worker", "赵网格", grid2.id);
  const staff = await person("community_staff", "陈主任");
  const host = await person("meeting_host", "主持人");
  return { community, grid: place.grid, grid2, categories, aunt, uncle, worker, otherWorker, staff, host };
}

type Consent = "in_person" | "phone" | "written";
const consent = (residentId: string, consentMethod: Consent = "in_person") => ({ residentId, consentMethod });

describe.each([
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
])("assisted participation (代办) on %s", (_name, fresh) => {
  let database: TestDatabase;
  let uploadDir: string;
  beforeAll(async () => {
    database = await fresh();
    uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "yishi-assist-"));
  });
  afterAll(async () => {
    await database?.drop();
    if (uploadDir) fs.rmSync(uploadDir, { recursive: true, force: true });
  });

  it("a grid worker raises an issue for 张阿姨: she is the reporter, he the helper, consent and audit noted, she is told", async () => {
    const { db } = database;
    const clock = new FakeClock(new Date());
    const w = await assistWorld(db);
    const worker = await actorOf(db, w.worker.id);
    const input = {
      title: "楼道灯坏了",
      description: "3号楼2单元楼道灯不亮，晚上看不见台阶。",
      categoryId: w.categories.property.id,
      urgency: "normal" as const,
      address: undefined,
    };
    const raised = await raiseIssue(
      db,
      clock,
      new LocalDiskStorage(uploadDir),
      worker,
      w.community,
      input,
      [],
      consent(w.aunt.id, "phone"),
    );
    const issue = await db.issue.findUniqueOrThrow({ where: { id: raised.id } });
    expect(issue).toMatchObject({ reporterId: w.aunt.id, actedById: w.worker.id, consentMethod: "phone" });
    expect(await db.issueFollower.count({ where: { issueId: issue.id, userId: { in: [w.aunt.id, w.worker.id] } } })).toBe(2);
    const row = await db.auditLog.findFirstOrThrow({ where: { entityId: issue.id, action: "issue.raise_assisted" } });
    expect(row.actorId).toBe(w.worker.id);
    expect(JSON.parse(row.data ?? "{}")).toMatchObject({ onBehalfOf: w.aunt.id, consent: "phone" });
    const told = await db.notification.findFirstOrThrow({ where: { userId: w.aunt.id, type: "assisted_issue_raised" } });
    expect(JSON.parse(told.data)).toMatchObject({ helper: "李网格", number: issue.number });
    expect(raised.notified).toContain(w.aunt.id);

    // Staff and the two people involved see the names; the public and other residents only that a helper acted.
    const ref = { communitySlug: w.community.slug, number: issue.number };
    expect((await issuePage(db, clock, await actorOf(db, w.staff.id), ref)).assisted).toMatchObject({
      named: true,
      helperRole: "grid_worker",
      helperName: "李网格",
      residentName: "张阿姨",
      consentMethod: "phone",
    });
    expect((await issuePage(db, clock, await actorOf(db, w.aunt.id), ref)).assisted).toMatchObject({ named: true });
    const anonymous = (await issuePage(db, clock, null, ref)).assisted;
    expect(anonymous).toEqual({ named: false, helperRole: "grid_worker" });
    expect(JSON.stringify(await issuePage(db, clock, await actorOf(db, w.uncle.id), ref))).not.toContain("张阿姨");
  });

  it("a grid worker cannot act for a resident outside their grid; staff can act for anyone in the community", async () => {
    const { db } = database;
    const clock = new FakeClock(new Date());
    const w = await assistWorld(db);
    const input = {
      title: "垃圾桶满了",
      description: "垃圾桶已经满了两天。",
      categoryId: w.categories.environment.id,
      urgency: "normal" as const,
      address: undefined,
    };
    const storage = new LocalDiskStorage(uploadDir);
    const worker = await actorOf(db, w.worker.id);
    expect(await refusal(raiseIssue(db, clock, storage, worker, w.community, input, [], consent(w.uncle.id)))).toEqual({
      kind: "forbidden",
      key: "people:assist.errors.outside_grid",
    });
    // Someone from another community is simply not on this roll.
    const elsewhere = await createCommunity(db);
    const stranger = (await createUser(db, { communityId: elsewhere.community.id, role: "resident", gridId: elsewhere.grid.id })).user;
    expect((await refusal(raiseIssue(db, clock, storage, worker, w.community, input, [], consent(stranger.id)))).key).toBe(
      "people:assist.errors.resident_unknown",
    );
    expect(await db.issue.count({ where: { communityId: w.community.id } })).toBe(0);
    // The search shows only the worker's own grid.
    const found = await assistPage(db, clock, worker, w.community, { q: "" });
    expect(found.residents.map((r) => r.displayName)).toEqual(["张阿姨"]);
    await expect(assistPage(db, clock, worker, w.community, { for: w.uncle.id })).rejects.toMatchObject({ kind: "forbidden" });

    const staff = await actorOf(db, w.staff.id);
    const raised = await raiseIssue(db, clock, storage, staff, w.community, input, [], consent(w.uncle.id, "written"));
    expect(await db.issue.findUniqueOrThrow({ where: { id: raised.id } })).toMatchObject({ reporterId: w.uncle.id, actedById: w.staff.id });
    expect((await assistPage(db, clock, staff, w.community, { q: "" })).residents.map((r) => r.displayName).sort()).toEqual([
      "张阿姨",
      "王大爷",
    ]);
  });

  it("a resident cannot act for another resident, nor a host; nobody acts for themselves", async () => {
    const { db } = database;
    const clock = new FakeClock(new Date());
    const w = await assistWorld(db);
    const input = {
      title: "路灯不亮",
      description: "小区门口路灯不亮。",
      categoryId: w.categories.property.id,
      urgency: "normal" as const,
      address: undefined,
    };
    const storage = new LocalDiskStorage(uploadDir);
    const uncle = await actorOf(db, w.uncle.id);
    expect(await refusal(raiseIssue(db, clock, storage, uncle, w.community, input, [], consent(w.aunt.id)))).toEqual({
      kind: "forbidden",
      key: "people:assist.errors.not_helper",
    });
    const host = await actorOf(db, w.host.id);
    expect((await refusal(raiseIssue(db, clock, storage, host, w.community, input, [], consent(w.aunt.id)))).key).toBe(
      "people:assist.errors.not_helper",
    );
    // A staff member who is also a resident cannot "assist" themselves.
    await db.membership.create({ data: { userId: w.staff.id, communityId: w.community.id, role: "resident" } });
    const staff = await actorOf(db, w.staff.id);
    expect((await refusal(raiseIssue(db, clock, storage, staff, w.community, input, [], consent(w.staff.id)))).key).toBe(
      "people:assist.errors.not_for_yourself",
    );
    await expect(assistPage(db, clock, uncle, w.community, {})).rejects.toMatchObject({ kind: "forbidden" });
  });

  it("consent is required: the form's schema refuses a missing tick or method, with translated keys", () => {
    const base = { intent: "raise", residentId: "abc123", title: "楼道灯坏了", description: "不亮", categoryId: "cat1" };
    const noTick = AssistIntentSchema.safeParse({ ...base, consentMethod: "in_person" });
    expect(noTick.success).toBe(false);
    expect(noTick.error?.issues.find((i) => i.path[0] === "consent")?.message).toBe("people:assist.errors.consent_required");
    const noMethod = AssistIntentSchema.safeParse({ ...base, consent: "on" });
    expect(noMethod.error?.issues.find((i) => i.path[0] === "consentMethod")?.message).toBe("people:assist.errors.consent_method_required");
    const badMethod = AssistIntentSchema.safeParse({ ...base, consent: "on", consentMethod: "telepathy" });
    expect(badMethod.success).toBe(false);
    expect(AssistIntentSchema.safeParse({ ...base, consent: "on", consentMethod: "written" }).success).toBe(true);
    for (const intent of ["rate", "object"]) {
      const parsed = AssistIntentSchema.safeParse({
        intent,
        residentId: "abc123",
        issueId: "i1",
        decisionId: "d1",
        rating: "4",
        reason: "理由写得足够长",
      });
      expect(parsed.error?.issues.some((i) => i.path[0] === "consent")).toBe(true);
    }
  });

  it("the acceptance rating counts once per resident, whether the resident or the helper enters it", async () => {
    const { db } = database;
    const clock = new FakeClock(new Date());
    const w = await assistWorld(db);
    const issue = await createIssue(db, {
      communityId: w.community.id,
      categoryId: w.categories.property.id,
      reporterId: w.aunt.id,
      gridId: w.grid.id,
      title: "单元门禁坏了",
      status: "awaiting_acceptance",
      movedById: w.staff.id,
    });
    // A second resident follows, so one rating does not settle the round and the issue stays open for rating.
    await db.issueFollower.create({ data: { issueId: issue.id, userId: w.uncle.id } });
    const worker = await actorOf(db, w.worker.id);
    const page = await assistPage(db, clock, worker, w.community, { for: w.aunt.id });
    expect(page.toRate?.map((i) => i.id)).toEqual([issue.id]);

    await respondToAcceptance(db, clock, worker, issue.id, { rating: 4 }, consent(w.aunt.id));
    const answers = await db.acceptanceResponse.findMany({ where: { issueId: issue.id } });
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ userId: w.aunt.id, rating: 4, actedById: w.worker.id, consentMethod: "in_person" });
    expect(await db.auditLog.count({ where: { entityId: issue.id, action: "issue.acceptance_assisted" } })).toBe(1);
    expect(await db.notification.count({ where: { userId: w.aunt.id, type: "assisted_acceptance_given" } })).toBe(1);

    // Neither she nor the helper (again) nor staff can add a second rating of hers.
    expect((await refusal(respondToAcceptance(db, clock, await actorOf(db, w.aunt.id), issue.id, { rating: 5 }))).key).toBe(
      "issues:errors.already_answered",
    );
    expect((await refusal(respondToAcceptance(db, clock, worker, issue.id, { rating: 5 }, consent(w.aunt.id)))).key).toBe(
      "issues:errors.already_answered",
    );
    const staff = await actorOf(db, w.staff.id);
    expect((await refusal(respondToAcceptance(db, clock, staff, issue.id, { rating: 5 }, consent(w.aunt.id)))).key).toBe(
      "issues:errors.already_answered",
    );
    expect(await db.acceptanceResponse.count({ where: { issueId: issue.id } })).toBe(1);
    expect((await assistPage(db, clock, worker, w.community, { for: w.aunt.id })).toRate).toEqual([]);
    // The other worker may not rate for 张阿姨 (not their grid), nor for someone not asked.
    expect(
      (await refusal(respondToAcceptance(db, clock, await actorOf(db, w.otherWorker.id), issue.id, { rating: 3 }, consent(w.aunt.id)))).key,
    ).toBe("people:assist.errors.outside_grid");

    // Staff enter 王大爷's rating for him: the round settles with both ratings, each counted once.
    await respondToAcceptance(db, clock, staff, issue.id, { rating: 5 }, consent(w.uncle.id, "phone"));
    const settled = await db.issue.findUniqueOrThrow({ where: { id: issue.id } });
    expect(settled.status).toBe("resolved");
    expect(settled.satisfactionAverage).toBe(4.5);
  });

  it("an objection lodged for a resident names her only to staff and the two involved", async () => {
    const { db } = database;
    const clock = new FakeClock(new Date());
    const w = await assistWorld(db);
    const { meeting } = await createMeeting(db, {
      communityId: w.community.id,
      hostId: w.host.id,
      createdById: w.staff.id,
      title: "议事会",
      status: "ended",
    });
    const decision = await createDecision(db, {
      meetingId: meeting.id,
      text: "在3号楼前加装充电桩",
      createdById: w.staff.id,
      status: "notice",
    });
    const worker = await actorOf(db, w.worker.id);
    const objection = await fileObjection(db, clock, worker, {
      decisionId: decision.id,
      reason: "充电桩离窗户太近，担心安全。",
      communitySlug: w.community.slug,
      onBehalf: consent(w.aunt.id, "written"),
    });
    expect(objection).toMatchObject({ authorId: w.aunt.id, actedById: w.worker.id, consentMethod: "written" });
    expect(await db.auditLog.count({ where: { entityId: objection.id, action: "objection.filed_assisted" } })).toBe(1);
    expect(await db.notification.count({ where: { userId: w.aunt.id, type: "assisted_objection_filed" } })).toBe(1);

    const publicView = await publicDecisionPage(db, clock, null, w.community.slug, decision.id);
    expect(publicView.decision.objections[0]?.assisted).toEqual({ named: false, helperRole: "grid_worker" });
    expect(JSON.stringify(publicView)).not.toContain("张阿姨");
    const hers = await publicDecisionPage(db, clock, await actorOf(db, w.aunt.id), w.community.slug, decision.id);
    expect(hers.decision.objections[0]).toMatchObject({
      mine: true,
      assisted: { named: true, helperName: "李网格", residentName: "张阿姨" },
    });
    const staffView = await staffDecisionPage(db, clock, await actorOf(db, w.staff.id), decision.id);
    expect(staffView.decision.objections[0]?.assisted).toMatchObject({ named: true, helperName: "李网格", consentMethod: "written" });

    // A grid worker cannot lodge one for a resident of another grid; a resident cannot for another.
    expect(
      (
        await refusal(
          fileObjection(db, clock, worker, { decisionId: decision.id, reason: "不同意这个方案。", onBehalf: consent(w.uncle.id) }),
        )
      ).key,
    ).toBe("people:assist.errors.outside_grid");
    expect(
      (
        await refusal(
          fileObjection(db, clock, await actorOf(db, w.uncle.id), {
            decisionId: decision.id,
            reason: "不同意这个方案。",
            onBehalf: consent(w.aunt.id),
          }),
        )
      ).key,
    ).toBe("people:assist.errors.not_helper");
  });
});
