/**
 * Issue #12 demo, the rest of "People" in 松木场 (after prisma/seed-admin.ts), written through the app's own use
 * cases where they exist so the rows are exactly what the app writes:
 * - a roll import of four residents, applied and never activated (their invitation letters print from
 *   /people/letters), among them 张阿姨 (张桂英), who has no phone;
 * - two self-registrations waiting in the grid worker's queue (`/people/verify`), and one already verified;
 * - a deletion request from `res12` waiting for staff (`/people/deletions`);
 * - two issues raised for residents without phones (代办): by the grid worker `grid` for 张阿姨, and by
 *   `staff` for 冯秀兰, both with consent noted.
 */
import os from "node:os";
import { requestDeletion } from "../app/domain/enrolment/personal-data.server";
import { raiseIssue } from "../app/domain/issues/raise.server";
import { applyRollImport, startRollImport } from "../app/domain/people/roll-import.server";
import type { Actor } from "../app/domain/permissions";
import { isCommunityRole } from "../app/domain/roles";
import { DAY, FakeClock, HOUR } from "../app/infra/clock";
import type { Db } from "../app/infra/db.server";
import { LocalDiskStorage } from "../app/infra/storage.server";

async function actorOf(db: Db, username: string): Promise<Actor & { displayName: string }> {
  const user = await db.user.findUniqueOrThrow({
    where: { username },
    include: { memberships: { include: { community: { select: { streetId: true } } } } },
  });
  return {
    id: user.id,
    displayName: user.displayName,
    streetAdminOfId: user.streetAdminOfId,
    memberships: user.memberships.flatMap((m) =>
      isCommunityRole(m.role)
        ? [
            {
              communityId: m.communityId,
              streetId: m.community.streetId,
              role: m.role,
              isResidentRep: m.isResidentRep,
              unitId: m.unitId,
              gridId: m.gridId,
            },
          ]
        : [],
    ),
  };
}

/** The roll the office imported (CSV, as staff upload it): 张阿姨 and 冯秀兰 have no phone. */
const ROLL = [
  "姓名,手机号,楼栋,单元,门牌,网格",
  "张桂英,,3幢,2单元,101室,SMC-01",
  "冯秀兰,,3幢,2单元,102室,SMC-01",
  "曹建新,139 0571 0301,5幢,1单元,402室,SMC-02",
  "彭丽华,13905710302,5幢,1单元,502室,SMC-02",
].join("\n");

export async function seedPeople(db: Db, now: Date): Promise<void> {
  const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY - hours * HOUR);
  const community = await db.community.findUniqueOrThrow({
    where: { slug: "songmuchang" },
    select: { id: true, slug: true, streetId: true, nameZh: true, nameEn: true },
  });
  const [staff, grid, res12] = await Promise.all([actorOf(db, "staff"), actorOf(db, "grid"), actorOf(db, "res12")]);
  const gridId = grid.memberships.find((m) => m.role === "grid_worker")?.gridId;
  if (!gridId) throw new Error("seed-people: the grid worker has no grid");
  const staffUser = await db.user.findUniqueOrThrow({ where: { id: staff.id }, select: { passwordHash: true } });

  // ── The roll import, applied; nobody has activated yet ──
  const rollClock = new FakeClock(ago(10));
  const started = await startRollImport(db, rollClock, staff, community, {
    filename: "松木场居民名册.csv",
    bytes: new TextEncoder().encode(ROLL),
  });
  await applyRollImport(db, rollClock, staff, community, started.id);
  const aunt = await db.user.findFirstOrThrow({ where: { displayName: "张桂英", needsActivation: true } });
  const feng = await db.user.findFirstOrThrow({ where: { displayName: "冯秀兰", needsActivation: true } });

  // ── Self-registrations: two waiting for the grid worker, one verified at the door ──
  const registrant = async (username: string, displayName: string, room: string, verified: boolean, daysAgo: number) => {
    const user = await db.user.create({
      data: { username, displayName, phone: username, passwordHash: staffUser.passwordHash, locale: "zh-CN", createdAt: ago(daysAgo) },
    });
    await db.membership.create({ data: { userId: user.id, communityId: community.id, role: "resident", gridId, createdAt: ago(daysAgo) } });
    const record = await db.residentRecord.create({
      data: {
        communityId: community.id,
        userId: user.id,
        gridId,
        building: "7",
        entrance: "1",
        room,
        householdKey: `${community.id}|7|1|${room}|${displayName}`,
        source: "self",
        verification: verified ? "verified" : "pending",
        verifiedById: verified ? grid.id : null,
        verifiedAt: verified ? ago(daysAgo - 1) : null,
        createdAt: ago(daysAgo),
      },
    });
    await db.auditLog.create({
      data: {
        actorId: user.id,
        communityId: community.id,
        action: "person.registered",
        entityType: "user",
        entityId: user.id,
        createdAt: ago(daysAgo),
      },
    });
    if (verified) {
      await db.residentVerification.create({
        data: {
          recordId: record.id,
          communityId: community.id,
          userId: user.id,
          outcome: "approved",
          method: "in_person",
          note: "上门核实",
          checkedById: grid.id,
          createdAt: ago(daysAgo - 1),
        },
      });
      await db.auditLog.create({
        data: {
          actorId: grid.id,
          communityId: community.id,
          action: "person.registration_approved",
          entityType: "user",
          entityId: user.id,
          createdAt: ago(daysAgo - 1),
        },
      });
    }
  };
  await registrant("13905710401", "邵春梅", "201", false, 2);
  await registrant("13905710402", "鲁国平", "602", false, 1);
  await registrant("13905710403", "谢文静", "301", true, 6);

  // ── res12 asks for their account to be deleted; staff have not confirmed yet ──
  await requestDeletion(db, new FakeClock(ago(3)), res12, { reason: "搬去外地和子女同住了" });

  // ── 代办: issues raised for residents without phones, with their consent ──
  const categories = new Map(
    (await db.issueCategory.findMany({ where: { communityId: community.id }, select: { id: true, key: true } })).map((c) => [c.key, c.id]),
  );
  const storage = new LocalDiskStorage(os.tmpdir());
  await raiseIssue(
    db,
    new FakeClock(ago(4)),
    storage,
    grid,
    community,
    {
      title: "3幢2单元楼道灯坏了",
      description: "楼道灯不亮一个多星期了，老人晚上下楼看不清台阶。",
      categoryId: categories.get("property") as string,
      gridId,
      address: "3幢2单元楼道",
      urgency: "high",
    },
    [],
    { residentId: aunt.id, consentMethod: "in_person" },
  );
  await raiseIssue(
    db,
    new FakeClock(ago(2)),
    storage,
    staff,
    community,
    {
      title: "希望小区门口加一张休息长椅",
      description: "去菜场的路上走不动了想坐一会儿，门口没有地方歇脚。",
      categoryId: categories.get("elderly_children") as string,
      gridId,
      address: undefined,
      urgency: "low",
    },
    [],
    { residentId: feng.id, consentMethod: "phone" },
  );
}
