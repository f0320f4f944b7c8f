/**
 * Tracker demo data, added after the rest of the demo (prisma/seed.ts), through the same domain functions
 * the app uses:
 * - resolved demo issues get their days-to-resolve, so the public page shows a median;
 * - the stairwell-clutter issue in 松木场 (in progress) gets two action items — the property company's
 *   (`unitrep` sees it under "our action items", with a notification) and the fire station's, with a
 *   progress update — so the tracker's work stage has something to show.
 */
import type { Db } from "../app/infra/db.server";
import type { Clock } from "../app/infra/clock";
import { DAY } from "../app/infra/clock";
import { createActionItem } from "../app/domain/issues/action-items.server";
import { postProgress } from "../app/domain/issues/issue-actions.server";
import { LocalDiskStorage } from "../app/infra/storage.server";
import type { Actor } from "../app/domain/permissions";
import { isCommunityRole } from "../app/domain/roles";

async function actorFor(db: Db, username: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({
    where: { username },
    include: { memberships: { include: { community: { select: { streetId: true } } } } },
  });
  return {
    id: user.id,
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

export async function seedTracker(db: Db, now: Date): Promise<void> {
  const clock: Clock = { now: () => now };
  const resolved = await db.issue.findMany({
    where: { resolvedAt: { not: null }, resolutionDays: null },
    select: { id: true, createdAt: true, resolvedAt: true },
  });
  for (const issue of resolved) {
    await db.issue.update({
      where: { id: issue.id },
      data: { resolutionDays: ((issue.resolvedAt as Date).getTime() - issue.createdAt.getTime()) / DAY },
    });
  }

  const clutter = await db.issue.findFirst({
    where: { community: { slug: "songmuchang" }, title: { contains: "楼道堆物" }, status: "in_progress" },
    select: { id: true },
  });
  const property = await db.unit.findFirst({ where: { nameZh: "杭州北山物业服务有限公司" }, select: { id: true } });
  const fire = await db.unit.findFirst({ where: { nameZh: { contains: "北山中队" } }, select: { id: true } });
  if (!clutter || !property || !fire) return;
  const staff = await actorFor(db, "staff");
  await db.$transaction(async (tx) => {
    await createActionItem(tx, clock, staff, {
      issueId: clutter.id,
      unitId: fire.id,
      description: "联合社区逐栋排查5、7、9幢楼道堆物，现场指导清理",
      dueAt: new Date(now.getTime() + 5 * DAY),
    });
    await createActionItem(tx, clock, staff, {
      issueId: clutter.id,
      unitId: property.id,
      description: "清理后的旧家具统一暂存并通知业主认领",
      dueAt: new Date(now.getTime() + 10 * DAY),
    });
  });
  const item = await db.actionItem.findFirstOrThrow({ where: { issueId: clutter.id, unitId: fire.id }, select: { id: true } });
  // No photos in the demo, so the storage is never touched.
  await postProgress(
    db,
    clock,
    new LocalDiskStorage("data/uploads"),
    staff,
    item.id,
    { text: "5幢已清理完毕，7幢、9幢已张贴告示。", percent: 40, done: false },
    [],
  );
}
