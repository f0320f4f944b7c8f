/**
 * Issue #13 demo: the three lists and their matching in 松木场, after the rest of the demo (prisma/seed.ts).
 * - the units' resources get their kind, quantity and availability, so the directory's "offers" filter and
 *   the matching have something to compare;
 * - 松木场's needs list: an open need for a meeting venue (staff can try the suggestions), a need the
 *   property company (`unitrep`) has been invited to and has not answered yet, and two needs that became
 *   joint projects: the hospital's home visits (under way, with milestones) and the fire station's stairwell
 *   inspections (completed).
 */
import type { Db } from "../app/infra/db.server";
import { DAY } from "../app/infra/clock";

/** Kind, quantity and availability of resources already on the lists, by their Chinese title. */
const RESOURCE_DETAILS: [string, string, string | null, string | null][] = [
  ["“白衣天使服务队”上门义诊", "expertise", "每月 1 次，每次 6 名医护", "每月第二个周六上午"],
  ["中医养生健康讲座", "expertise", "每季度 1 场", null],
  ["家庭医生签约服务", "service", null, "工作日"],
  ["慢性病随访与老年人体检", "expertise", "每年 1 次免费体检", null],
  ["二次供水设施检测与改造", "expertise", null, null],
  ["老旧小区准物业管理", "service", null, "全年"],
  ["楼道保洁与公共设施维修", "service", null, "工作日 8:00–17:00"],
  ["居家养老服务补贴", "funding", null, null],
  ["社区老年食堂建设指导与补助", "funding", "每个食堂最高 20 万元", null],
  ["社区戏剧工作坊", "expertise", "每期 8 次课", null],
  ["惠民演出票", "funding", "每年 200 张", null],
  ["学生志愿服务队", "volunteers", "约 60 名学生", "周末、寒暑假"],
  ["节假日体育场地错时开放", "venue", "400 米操场、2 片篮球场", "节假日 6:00–8:00、17:00–21:00"],
  ["社区民警驻点接待", "service", null, "每周三下午"],
  ["防范电信诈骗宣讲", "expertise", "每月 1 场", null],
  ["消防安全主题教育", "expertise", null, null],
  ["楼道堆物与电动车充电隐患排查", "expertise", null, null],
  ["军警民联防巡逻", "volunteers", "每周 2 次", "周五、周六晚"],
  ["街区会议室共享", "venue", "会议室 1 间，80 个座位", "工作日晚上、周末"],
  ["青年员工志愿服务", "volunteers", "约 30 人", "周末"],
  ["社区志愿者培训", "expertise", null, null],
  ["老年人智能手机与移动支付培训", "expertise", "每月 2 场", null],
];

export async function seedUnits(db: Db, now: Date): Promise<void> {
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
  for (const [titleZh, category, quantity, availability] of RESOURCE_DETAILS) {
    await db.unitListItem.updateMany({ where: { titleZh, list: "resource" }, data: { category, quantity, availability } });
  }

  const community = await db.community.findUniqueOrThrow({ where: { slug: "songmuchang" }, select: { id: true, streetId: true } });
  const staff = await db.user.findUniqueOrThrow({ where: { username: "staff" }, select: { id: true } });
  const unitrep = await db.user.findUniqueOrThrow({ where: { username: "unitrep" }, select: { id: true } });
  const area = await db.area.findFirstOrThrow({ where: { streetId: community.streetId, nameZh: "松木场金祝片区" }, select: { id: true } });
  const unit = async (nameZh: string) =>
    (await db.unit.findFirstOrThrow({ where: { streetId: community.streetId, nameZh }, select: { id: true } })).id;
  const need = (data: { titleZh: string; titleEn: string; category: string; description?: string; status?: string; daysAgo: number }) =>
    db.communityNeed.create({
      data: {
        communityId: community.id,
        titleZh: data.titleZh,
        titleEn: data.titleEn,
        category: data.category,
        description: data.description ?? null,
        areaId: area.id,
        status: data.status ?? "open",
        createdById: staff.id,
        createdAt: daysAgo(data.daysAgo),
      },
    });

  await need({
    titleZh: "每月议事会的会场",
    titleEn: "A venue for the monthly council meeting",
    category: "venue",
    description: "幸福议事厅每月第一个周四晚上开会，需要能坐 60 人以上的会议室。",
    daysAgo: 6,
  });

  const parking = await need({
    titleZh: "小区停车秩序整治",
    titleEn: "Sorting out parking on the estate",
    category: "service",
    description: "松木场小区晚间乱停车堵住消防通道，需要物业配合划线、巡查。",
    daysAgo: 4,
  });
  const parkingRequest = await db.unitMatch.create({
    data: {
      needId: parking.id,
      unitId: await unit("杭州北山物业服务有限公司"),
      direction: "request",
      note: "请物业先拿出划线方案，下次议事会讨论。",
      createdById: staff.id,
      createdAt: daysAgo(3),
    },
  });
  await db.notification.create({
    data: {
      userId: unitrep.id,
      type: "unit_match_requested",
      dedupeKey: `unit-match:request:${parkingRequest.id}`,
      data: JSON.stringify({ need: "小区停车秩序整治", unit: "杭州北山物业服务有限公司" }),
      link: `/units/${await unit("杭州北山物业服务有限公司")}`,
      createdAt: daysAgo(3),
    },
  });

  const visits = await need({
    titleZh: "独居高龄老人上门义诊",
    titleEn: "Home visits for older people living alone",
    category: "expertise",
    status: "matched",
    daysAgo: 40,
  });
  const hospital = await unit("浙江省中医院");
  await db.unitMatch.create({
    data: {
      needId: visits.id,
      unitId: hospital,
      direction: "offer",
      status: "accepted",
      createdById: staff.id,
      decidedById: staff.id,
      decidedAt: daysAgo(35),
      createdAt: daysAgo(38),
    },
  });
  await db.jointProject.create({
    data: {
      communityId: community.id,
      needId: visits.id,
      titleZh: "“白衣天使”进楼道：独居老人上门义诊",
      titleEn: '"White Angels" home visits for older people living alone',
      description: "浙江省中医院“白衣天使服务队”每月为松木场 32 位独居高龄老人上门测血压、血糖并提供用药指导。",
      progress: 60,
      createdAt: daysAgo(35),
      units: { create: [{ unitId: hospital }, { unitId: await unit("北山街道社区卫生服务中心") }] },
      milestones: {
        create: [
          { title: "网格员摸排独居高龄老人名单", doneAt: daysAgo(30), evidence: "四个网格共摸排 32 位，已建档。", createdAt: daysAgo(35) },
          {
            title: "第一轮上门义诊",
            doneAt: daysAgo(12),
            evidence: "6 名医护走访 32 户，发现 3 位血压偏高已转家庭医生随访。",
            createdAt: daysAgo(34),
          },
          { title: "第二轮上门义诊", dueAt: new Date(now.getTime() + 20 * DAY), createdAt: daysAgo(34) },
        ],
      },
    },
  });

  const stairwells = await need({
    titleZh: "楼道堆物和电动车充电隐患排查",
    titleEn: "Checking stairwells for clutter and e-bike charging",
    category: "expertise",
    status: "matched",
    daysAgo: 90,
  });
  const fire = await unit("西湖区消防救援大队北山中队");
  await db.unitMatch.create({
    data: {
      needId: stairwells.id,
      unitId: fire,
      direction: "request",
      status: "accepted",
      createdById: staff.id,
      decidedAt: daysAgo(85),
      createdAt: daysAgo(88),
    },
  });
  await db.jointProject.create({
    data: {
      communityId: community.id,
      needId: stairwells.id,
      titleZh: "楼道消防隐患逐栋排查",
      titleEn: "Building-by-building fire-safety inspections",
      status: "completed",
      progress: 100,
      completedAt: daysAgo(50),
      createdAt: daysAgo(85),
      units: { create: [{ unitId: fire }] },
      milestones: {
        create: [
          {
            title: "联合网格员逐栋排查",
            doneAt: daysAgo(70),
            evidence: "排查 46 个楼道，登记堆物 19 处、飞线充电 4 处。",
            createdAt: daysAgo(85),
          },
          { title: "复查整改情况", doneAt: daysAgo(50), evidence: "19 处堆物全部清理，4 处飞线拆除。", createdAt: daysAgo(85) },
        ],
      },
    },
  });
}
