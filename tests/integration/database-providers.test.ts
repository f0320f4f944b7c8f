import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDeploy } from "../../scripts/migrate";
import type { TestDatabase } from "../helpers/databases";
import { freshPostgres, freshSqlite } from "../helpers/databases";
import { createCommunity, unique } from "../helpers/fixtures";

// The same code, the same migrations' intent, two engines: SQLite embedded, PostgreSQL for scale-out.
describe.each([
  ["SQLite", freshSqlite],
  ["PostgreSQL", freshPostgres],
] as const)("%s", (_name, fresh) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await fresh();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("migrates from empty, and a second deploy applies nothing", async () => {
    // A database of its own: the others in this file hold what their tests wrote.
    const empty = await fresh();
    try {
      const again = await migrateDeploy(empty.url);
      expect(again.applied).toEqual([]);
      const tables = await empty.db.street.count();
      expect(tables).toBe(0);
    } finally {
      await empty.drop();
    }
  });

  it("round-trips a community, a person, an issue and its timeline (create, read, update, delete)", async () => {
    const { db } = database;
    const tag = unique();
    const street = await db.street.create({ data: { slug: `beishan-${tag}`, nameZh: "北山街道", nameEn: "Beishan Street" } });
    const community = await db.community.create({
      data: { streetId: street.id, slug: `songmuchang-${tag}`, nameZh: "松木场社区", nameEn: "Songmuchang Community" },
    });
    const category = await db.issueCategory.create({
      data: { communityId: community.id, key: "old_building", nameZh: "老旧小区改造与加装电梯", nameEn: "Old buildings & lifts" },
    });
    const reporter = await db.user.create({ data: { username: `wang-${tag}`, displayName: "王阿姨", passwordHash: "x" } });
    const issue = await db.issue.create({
      data: {
        number: 1,
        communityId: community.id,
        categoryId: category.id,
        reporterId: reporter.id,
        title: "宝石一路2号加装电梯",
        description: "六层老楼，住着多位八十岁以上老人，上下楼困难。",
        events: { create: { type: "submitted", toStatus: "submitted", actorId: reporter.id } },
      },
    });

    const read = await db.issue.findUniqueOrThrow({ where: { id: issue.id }, include: { events: true, category: true } });
    expect(read.title).toBe("宝石一路2号加装电梯");
    expect(read.category.nameZh).toBe("老旧小区改造与加装电梯");
    expect(read.events).toHaveLength(1);
    expect(read.status).toBe("submitted");

    // A check-and-set update: only the writer holding the current version wins.
    const won = await db.issue.updateMany({ where: { id: issue.id, version: 0 }, data: { status: "accepted", version: { increment: 1 } } });
    const lost = await db.issue.updateMany({
      where: { id: issue.id, version: 0 },
      data: { status: "rejected", version: { increment: 1 } },
    });
    expect([won.count, lost.count]).toEqual([1, 0]);
    expect((await db.issue.findUniqueOrThrow({ where: { id: issue.id } })).status).toBe("accepted");

    await db.issue.delete({ where: { id: issue.id } });
    expect(await db.issue.count({ where: { communityId: community.id } })).toBe(0);
    // The timeline goes with its issue.
    expect(await db.issueEvent.count({ where: { issueId: issue.id } })).toBe(0);
  });

  it("enforces uniqueness the voting rules rely on", async () => {
    const { db } = database;
    const { community } = await createCommunity(db);
    const meetingOwner = await db.user.create({ data: { username: `host-${unique()}`, displayName: "主持人", passwordHash: "x" } });
    const meeting = await db.meeting.create({
      data: {
        communityId: community.id,
        code: `M${unique()}`,
        title: "议事会",
        form: "roundtable",
        startsAt: new Date(),
        place: "社区会议室",
        hostId: meetingOwner.id,
        createdById: meetingOwner.id,
      },
    });
    const poll = await db.poll.create({
      data: {
        meetingId: meeting.id,
        question: "是否同意？",
        kind: "yes_no_abstain",
        ballotMode: "named",
        passRule: "majority_cast",
        createdById: meetingOwner.id,
      },
    });
    await db.voteRecord.create({ data: { pollId: poll.id, voterId: "p1", castById: "p1", idempotencyKey: "k1" } });
    await expect(
      db.voteRecord.create({ data: { pollId: poll.id, voterId: "p1", castById: "p1", idempotencyKey: "k2" } }),
    ).rejects.toThrow();
  });
});
