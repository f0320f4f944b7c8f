/**
 * Issue #13 demo: 双报到 volunteering and the 微心愿 wish wall in 松木场, after the rest of the demo (prisma/seed.ts).
 * - registrations: `unitrep` (an employee of the property company), `res01` (a party member who works at the
 *   provincial hospital of Chinese medicine) and `res02` (a resident volunteer) are confirmed; `res03` (a
 *   party member) waits for `staff` to confirm;
 * - four volunteer posts: two last week with confirmed hours (and one duty whose hours `staff` still has to
 *   confirm), a patrol tomorrow evening with one slot left, and an elderly visit in three days with both free;
 * - five wishes: one confirmed with thanks (claimed by the property company), one claimed by `res01`, two open
 *   on the wall (one of them unclaimed long enough to be flagged for staff), and one `resident` posted herself
 *   that waits for review.
 */
import crypto from "node:crypto";
import type { Prisma } from "../app/generated/sqlite/client";
import type { Db } from "../app/infra/db.server";
import { DAY, HOUR } from "../app/infra/clock";

export async function seedVolunteering(db: Db, now: Date): Promise<void> {
  const at = (offset: number) => new Date(now.getTime() + offset);
  const community = await db.community.findUniqueOrThrow({ where: { slug: "songmuchang" }, select: { id: true, streetId: true } });
  const user = async (username: string) => (await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } })).id;
  const unit = async (nameZh: string) =>
    (await db.unit.findFirstOrThrow({ where: { streetId: community.streetId, nameZh }, select: { id: true } })).id;
  const [staff, grid, resident, unitrep, res01, res02, res03] = await Promise.all(
    ["staff", "grid", "resident", "unitrep", "res01", "res02", "res03"].map(user),
  );
  const property = await unit("杭州北山物业服务有限公司");
  const hospital = await unit("浙江省中医院");

  const registrations: [string, string, string | null, string, string, boolean][] = [
    [unitrep!, "unit_employee", property, "6", "水电维修", true],
    [res01!, "party_member", hospital, "3", "测血压、健康咨询", true],
    [res02!, "resident", null, "1", "周末有空，会说杭州话", true],
    [res03!, "party_member", null, "8", "会修小家电", false],
  ];
  for (const [userId, kind, unitId, building, skills, confirmed] of registrations) {
    await db.volunteerRegistration.create({
      data: {
        communityId: community.id,
        userId,
        kind,
        unitId,
        building,
        skills,
        status: confirmed ? "confirmed" : "pending",
        decidedById: confirmed ? staff : null,
        decidedAt: confirmed ? at(-20 * DAY) : null,
        createdAt: at((confirmed ? -25 : -1) * DAY),
      },
    });
  }

  const code = () => crypto.randomBytes(6).toString("hex").slice(0, 8).toUpperCase();
  const post = (data: {
    kind: string;
    titleZh: string;
    titleEn: string;
    description: string;
    place: string;
    startsAt: Date;
    hours: number;
    slots: number;
    taken: number;
  }) =>
    db.volunteerPost.create({
      data: {
        communityId: community.id,
        kind: data.kind,
        titleZh: data.titleZh,
        titleEn: data.titleEn,
        description: data.description,
        place: data.place,
        startsAt: data.startsAt,
        endsAt: new Date(data.startsAt.getTime() + data.hours * HOUR),
        slots: data.slots,
        taken: data.taken,
        checkInCode: code(),
        createdById: staff!,
        createdAt: at(-14 * DAY),
      },
      select: { id: true },
    });
  const sorting = await post({
    kind: "sanitation",
    titleZh: "垃圾分类定时定点督导",
    titleEn: "Waste sorting supervision at the collection point",
    description: "早高峰在垃圾分类点指导居民分类投放，发现混投及时劝导。",
    place: "松木场小区 3 幢旁垃圾分类点",
    startsAt: at(-6 * DAY - 2 * HOUR),
    hours: 2.5,
    slots: 3,
    taken: 2,
  });
  const fraud = await post({
    kind: "publicity",
    titleZh: "防范电信诈骗政策宣传",
    titleEn: "Telecom fraud awareness stall",
    description: "与派出所民警一起摆摊宣传，帮助老人安装国家反诈中心 App。",
    place: "社区党群服务中心门口",
    startsAt: at(-3 * DAY - 4 * HOUR),
    hours: 2,
    slots: 4,
    taken: 2,
  });
  const patrol = await post({
    kind: "patrol",
    titleZh: "夜间平安巡逻",
    titleEn: "Evening safety patrol",
    description: "沿西溪路、松木场河沿线巡查楼道堆物和电动车充电隐患。",
    place: "社区警务室集合",
    startsAt: new Date(at(DAY).setUTCHours(11, 0, 0, 0)),
    hours: 2,
    slots: 4,
    taken: 3,
  });
  await post({
    kind: "elderly_visit",
    titleZh: "走访独居老人",
    titleEn: "Visiting older people who live alone",
    description: "两人一组上门探望，量血压、聊聊天，记下需要帮忙的事。",
    place: "第一网格（1–6 幢）",
    startsAt: new Date(at(3 * DAY).setUTCHours(1, 30, 0, 0)),
    hours: 2,
    slots: 2,
    taken: 0,
  });

  const duty = (postId: string, userId: string, unitId: string | null, data: { status: string; start?: Date; minutes?: number }) =>
    db.volunteerDuty.create({
      data: {
        postId,
        communityId: community.id,
        userId,
        unitId,
        status: data.status,
        signedInAt: data.start ?? null,
        signedInById: data.start ? userId : null,
        signedOutAt: data.start && data.minutes !== undefined ? new Date(data.start.getTime() + data.minutes * 60_000) : null,
        minutes: data.status === "confirmed" ? (data.minutes ?? null) : null,
        confirmedById: data.status === "confirmed" ? staff : null,
        confirmedAt: data.status === "confirmed" ? at(-DAY) : null,
        createdAt: at(-10 * DAY),
      },
    });
  await duty(sorting.id, res01!, hospital, { status: "confirmed", start: at(-6 * DAY - 2 * HOUR), minutes: 120 });
  await duty(sorting.id, unitrep!, property, { status: "confirmed", start: at(-6 * DAY - 2 * HOUR), minutes: 150 });
  await duty(fraud.id, res02!, null, { status: "confirmed", start: at(-3 * DAY - 4 * HOUR), minutes: 90 });
  await duty(fraud.id, res01!, hospital, { status: "signed_out", start: at(-3 * DAY - 4 * HOUR), minutes: 120 });
  await duty(patrol.id, res01!, hospital, { status: "claimed" });
  await duty(patrol.id, unitrep!, property, { status: "claimed" });
  await duty(patrol.id, res02!, null, { status: "claimed" });

  const wish = (data: Omit<Prisma.WishUncheckedCreateInput, "communityId">) =>
    db.wish.create({ data: { ...data, communityId: community.id } });
  await wish({
    postedById: grid!,
    publicName: "张阿姨",
    building: "3",
    category: "item",
    title: "一根带小凳子的拐杖",
    description: "腿脚不好，去菜场走一半要歇一歇。",
    valueCap: 150,
    status: "confirmed",
    reviewedById: staff!,
    reviewedAt: at(-12 * DAY),
    claimedById: unitrep!,
    claimedUnitId: property,
    claimedAt: at(-11 * DAY),
    fulfilledAt: at(-8 * DAY),
    fulfilmentNote: "物业服务中心送上门，并调好了高度。",
    confirmedById: grid!,
    confirmedAt: at(-7 * DAY),
    thanks: "谢谢物业的小伙子，拐杖很好用！",
    createdAt: at(-13 * DAY),
  });
  await wish({
    postedById: grid!,
    publicName: "李大伯",
    building: "5",
    category: "repair",
    title: "厨房水龙头漏水，想请人帮忙换一个",
    status: "claimed",
    reviewedById: staff!,
    reviewedAt: at(-5 * DAY),
    claimedById: res01!,
    claimedAt: at(-4 * DAY),
    createdAt: at(-6 * DAY),
  });
  await wish({
    postedById: grid!,
    publicName: "赵奶奶",
    building: "2",
    category: "visit",
    title: "希望有人陪我去医院复查",
    description: "下周二上午要去浙江省中医院复查，子女在外地。",
    status: "open",
    reviewedById: staff!,
    reviewedAt: at(-3 * DAY),
    createdAt: at(-4 * DAY),
  });
  await wish({
    postedById: grid!,
    publicName: "钱爷爷",
    building: "7",
    category: "item",
    title: "一台能听越剧的收音机",
    valueCap: 100,
    status: "open",
    reviewedById: staff!,
    reviewedAt: at(-9 * DAY),
    staleSince: at(-2 * DAY),
    createdAt: at(-10 * DAY),
  });
  await wish({
    wisherId: resident!,
    postedById: resident!,
    publicName: "王阿姨",
    building: "1",
    category: "repair",
    title: "阳台晾衣架摇不动了，想请人帮忙修一修",
    status: "submitted",
    createdAt: at(-HOUR),
  });
}
