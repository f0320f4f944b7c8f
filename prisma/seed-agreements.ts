/**
 * Issue #13 demo: a cooperation agreement (共建协议) between 松木场 and 浙江省中医院 whose term ends within 30
 * days (so the unit page shows "ends soon" and the reminder sweep has something to send), with two
 * commitments, the first of which became the demo joint project of home visits (prisma/seed-units.ts).
 */
import type { Db } from "../app/infra/db.server";
import { DAY } from "../app/infra/clock";
import { agreementDate } from "../app/domain/units/agreements";
import { chinaDateString } from "../app/infra/time";

export async function seedAgreements(db: Db, now: Date): Promise<void> {
  const community = await db.community.findUniqueOrThrow({ where: { slug: "songmuchang" }, select: { id: true, streetId: true } });
  const staff = await db.user.findUniqueOrThrow({ where: { username: "staff" }, select: { id: true } });
  const hospital = await db.unit.findFirstOrThrow({
    where: { streetId: community.streetId, nameZh: "浙江省中医院" },
    select: { id: true },
  });
  const visits = await db.jointProject.findFirstOrThrow({
    where: { communityId: community.id, titleZh: { contains: "白衣天使" }, units: { some: { unitId: hospital.id } } },
    select: { id: true },
  });
  const day = (offset: number) => agreementDate(chinaDateString(new Date(now.getTime() + offset * DAY)));
  await db.unitAgreement.create({
    data: {
      communityId: community.id,
      unitId: hospital.id,
      title: "松木场社区—浙江省中医院健康共建协议",
      startsOn: day(-345),
      endsOn: day(20),
      communitySignatory: "陈晓燕",
      communityRole: "社区党委书记",
      unitSignatory: "周建国",
      unitRole: "医院党委副书记",
      createdById: staff.id,
      createdAt: new Date(now.getTime() - 345 * DAY),
      commitments: {
        create: [
          { text: "每月为独居高龄老人上门义诊一次", position: 0, jointProjectId: visits.id },
          { text: "每季度在幸福议事厅举办一场中医养生讲座", position: 1 },
        ],
      },
    },
  });
}
