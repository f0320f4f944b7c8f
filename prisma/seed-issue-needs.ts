/**
 * Issue #13 demo: a resident's issue turned into a community need. 松木场's "no canteen for the elderly"
 * issue became a need for a meal-delivery partner, which the needs list offers to the units; the issue's
 * timeline records the step and links to the need.
 */
import type { Db } from "../app/infra/db.server";
import { DAY } from "../app/infra/clock";

export async function seedIssueNeeds(db: Db, now: Date): Promise<void> {
  const community = await db.community.findUniqueOrThrow({ where: { slug: "songmuchang" }, select: { id: true } });
  const staff = await db.user.findUniqueOrThrow({ where: { username: "staff" }, select: { id: true } });
  const issue = await db.issue.findFirstOrThrow({
    where: { communityId: community.id, title: "社区缺少老年食堂，高龄老人吃饭难" },
    select: { id: true },
  });
  const at = new Date(now.getTime() - 8 * DAY);
  const need = await db.communityNeed.create({
    data: {
      communityId: community.id,
      issueId: issue.id,
      category: "service",
      titleZh: "老年助餐点送餐合作单位",
      titleEn: "A partner to deliver meals from the seniors' dining point",
      description: "社区拟在服务中心一楼开设助餐点，需要一家单位每天为约 30 位高龄独居老人送餐上门。",
      createdById: staff.id,
      createdAt: at,
    },
  });
  await db.issueEvent.create({
    data: { issueId: issue.id, actorId: staff.id, type: "need_created", data: JSON.stringify({ needId: need.id }), createdAt: at },
  });
  await db.auditLog.create({
    data: {
      actorId: staff.id,
      communityId: community.id,
      action: "need.add",
      entityType: "CommunityNeed",
      entityId: need.id,
      data: JSON.stringify({ issueId: issue.id }),
      createdAt: at,
    },
  });
}
