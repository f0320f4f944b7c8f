/**
 * The worlds the browser tests live in. The e2e server starts on an empty database (tests/e2e/serve.ts);
 * each spec builds what it needs here, from the Playwright process, by writing to the same SQLite file
 * (WAL and a busy timeout let both processes use it). Every world has its own street, so specs and reruns
 * never see each other's people or issues; names people read are fixed, so specs can look for them.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "@playwright/test";
import i18next from "i18next";
import fs from "node:fs";
import path from "node:path";
import { contentHash } from "../../app/domain/minutes/content-hash";
import { draftFromMeeting } from "../../app/domain/minutes/draft-from-meeting.server";
import type { CommunityRole } from "../../app/domain/roles";
import type { Db } from "../../app/infra/db.server";
import { createDb } from "../../app/infra/db.server";
import {
  createActionItem,
  createCategories,
  createClosedPoll,
  createCommunity,
  createDecision,
  createIssue,
  createMeeting,
  createNotification,
  createUnit,
  createUser,
  unique,
} from "../helpers/fixtures";
import type { RollEntry } from "../helpers/fixtures";
import { createSession } from "../helpers/sessions";
import { E2E_SESSION_SECRET, e2eDatabaseUrl, e2ePort } from "./e2e-env";

const DAY = 86_400_000;
export const baseURL = () => `http://127.0.0.1:${e2ePort()}`;

let client: Db | undefined;
/** One database client per Playwright worker, on the e2e server's file. */
export function e2eDb(): Db {
  return (client ??= createDb(e2eDatabaseUrl()));
}

export interface E2EPerson {
  id: string;
  username: string;
  password: string;
  displayName: string;
}

/** Signs `person` in on this browser context with a session of their own (no sign-in page). */
export async function signInAs(context: BrowserContext, person: E2EPerson): Promise<void> {
  const cookie = await createSession(e2eDb(), person.id, E2E_SESSION_SECRET);
  await context.addCookies([{ name: cookie.name, value: cookie.value, url: baseURL() }]);
}

/** The session cookie header for `person`, for socket clients and plain requests. */
export async function sessionHeaderFor(person: E2EPerson): Promise<string> {
  return (await createSession(e2eDb(), person.id, E2E_SESSION_SECRET)).header;
}

export const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } as const;

/** A browser of their own for `person` (or a visitor when null), signed in, in the given language. */
export async function personIn(
  browser: Browser,
  person: E2EPerson | null,
  options: { locale?: string; phone?: boolean; context?: BrowserContextOptions } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: options.locale ?? "zh-CN", ...(options.phone ? PHONE : {}), ...options.context });
  if (person) await signInAs(context, person);
  const page = await context.newPage();
  return { context, page };
}

async function person(
  db: Db,
  tag: string,
  name: string,
  displayName: string,
  membership: { communityId: string; role: CommunityRole; gridId?: string; unitId?: string; isResidentRep?: boolean } | null,
  extra: { phone?: string; streetAdminOfId?: string } = {},
): Promise<E2EPerson> {
  const created = await createUser(db, {
    username: `${name}-${tag}`,
    displayName,
    ...extra,
    ...(membership ? { ...membership } : {}),
  });
  return { id: created.user.id, username: created.username, password: created.password, displayName };
}

/** The voting roll a council meeting starts with: resident representatives and unit representatives vote, experts advise. */
function standingRoll(people: CommunityWorld["people"], reps: E2EPerson[]): RollEntry[] {
  return [
    ...[people.resident, ...reps].map((p) => ({ userId: p.id, name: p.displayName, role: "resident_rep" as const, canVote: true })),
    ...[people.unitrep, people.dept].map((p) => ({ userId: p.id, name: p.displayName, role: "unit_rep" as const, canVote: true })),
    { userId: people.expert.id, name: people.expert.displayName, role: "expert", canVote: false },
  ];
}

/** The app's own translations of one namespace set (read from disk: Playwright's loader refuses bare JSON imports). */
async function translator(language: string, namespace: string) {
  const read = (ns: string) => JSON.parse(fs.readFileSync(path.resolve(`app/i18n/locales/${language}/${ns}.json`), "utf8"));
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: language,
    ns: ["common", namespace],
    defaultNS: namespace,
    resources: { [language]: { common: read("common"), [namespace]: read(namespace) } },
    interpolation: { escapeValue: false },
  });
  const t = i18n.getFixedT(language, namespace);
  return (key: string, values?: Record<string, string | number>) => t(key, values);
}

/** Drafts a meeting's minutes from its record (the app's own drafting), signed by its host and published by its creator. */
export async function publishMinutesOf(db: Db, meetingId: string): Promise<void> {
  const document = await draftFromMeeting(db, meetingId, await translator("zh-CN", "minutes"), "zh-CN");
  const meeting = await db.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { hostId: true, createdById: true } });
  const now = new Date();
  await db.minutes.create({
    data: {
      meetingId,
      status: "published",
      content: JSON.stringify(document),
      revision: 1,
      signedOffById: meeting.hostId,
      signedOffAt: now,
      publishedById: meeting.createdById,
      publishedAt: now,
      contentHash: contentHash(document),
    },
  });
}

/** A secret yes/no vote the host has just opened on the meeting's current item. */
export async function openSecretPoll(db: Db, meeting: { id: string; hostId: string }, agendaItemId: string, question: string) {
  return db.poll.create({
    data: {
      meetingId: meeting.id,
      agendaItemId,
      question,
      kind: "yes_no_abstain",
      ballotMode: "secret",
      passRule: "majority_cast",
      status: "open",
      openedAt: new Date(),
      createdById: meeting.hostId,
    },
  });
}

export type CommunityWorld = Awaited<ReturnType<typeof communityWorld>>;

/**
 * A community as people know it, small enough to read: one person in every role (a street admin, staff, a
 * meeting host, a grid worker, a resident representative, the property company's and a department's
 * representatives, an expert), seven resident representatives in all, units in every sector group with
 * their lists, issues in every state that has panels of its own, a planned meeting, a live meeting with a
 * secret vote open, an ended meeting whose minutes are published and whose decision is on public notice,
 * and a few notifications. A second community in the same street gives the street admin a choice.
 */
export async function communityWorld() {
  const db = e2eDb();
  const tag = unique();
  const now = Date.now();
  const daysAgo = (days: number) => new Date(now - days * DAY);
  const { street, community, grid } = await createCommunity(db, { nameZh: `松木场社区 ${tag}`, nameEn: `Songmuchang ${tag}` });
  await db.grid.update({ where: { id: grid.id }, data: { code: "SMC-01", nameZh: "松木场第一网格", nameEn: "Songmuchang Grid 1" } });
  const second = await createCommunity(db, { street, nameZh: `宝石社区 ${tag}`, nameEn: `Baoshi ${tag}` });
  const categories = await createCategories(db, community.id);
  await createCategories(db, second.community.id);

  const unit = (options: Omit<Parameters<typeof createUnit>[1], "streetId">) => createUnit(db, { streetId: street.id, ...options });
  const units = {
    property: await unit({
      communityId: community.id,
      kind: "company",
      sectorGroup: "livelihood",
      nameZh: "杭州北山物业服务有限公司",
      nameEn: "Hangzhou Beishan Property Services Co., Ltd.",
      resources: [["保洁和门岗人员", "Cleaning and gate staff"]],
      needs: [["老旧小区停车管理经验", "Experience managing parking in old estates"]],
    }),
    housing: await unit({
      kind: "department",
      sectorGroup: "governance",
      nameZh: "西湖区住建局",
      nameEn: "Xihu District Housing and Construction Bureau",
      resources: [["房屋安全鉴定", "Building safety surveys"]],
    }),
    cityManagement: await unit({
      kind: "department",
      sectorGroup: "governance",
      nameZh: "西湖区城管局",
      nameEn: "Xihu District Urban Management Bureau",
      resources: [["垃圾清运车辆", "Refuse collection lorries"]],
    }),
    fireStation: await unit({
      kind: "agency",
      sectorGroup: "governance",
      nameZh: "西湖区消防救援大队北山中队",
      nameEn: "Beishan Fire Station",
      resources: [["消防安全培训", "Fire safety training"]],
    }),
    school: await unit({
      kind: "school",
      sectorGroup: "culture",
      nameZh: "北山街道中心小学",
      nameEn: "Beishan Central Primary School",
      resources: [["周末开放操场", "Playground open at weekends"]],
      needs: [["家长志愿者", "Parent volunteers"]],
    }),
    market: await unit({
      kind: "company",
      sectorGroup: "economy",
      nameZh: "北山农贸市场",
      nameEn: "Beishan Farmers' Market",
      needs: [["夜间照明改造", "Better lighting at night"]],
    }),
  };

  const member = (role: CommunityRole, extra: { gridId?: string; unitId?: string; isResidentRep?: boolean } = {}) => ({
    communityId: community.id,
    role,
    ...extra,
  });
  const people = {
    admin: await person(db, tag, "admin", "周建华", null, { streetAdminOfId: street.id }),
    staff: await person(db, tag, "staff", "陈晓燕", member("community_staff")),
    host: await person(db, tag, "host", "李卫东", member("meeting_host")),
    grid: await person(db, tag, "grid", "张丽萍", member("grid_worker", { gridId: grid.id }), { phone: "136-5710-0004" }),
    resident: await person(db, tag, "resident", "王秀英", member("resident", { gridId: grid.id, isResidentRep: true })),
    unitrep: await person(db, tag, "unitrep", "刘志强", member("unit_rep", { unitId: units.property.id })),
    dept: await person(db, tag, "dept", "赵明", member("unit_rep", { unitId: units.housing.id })),
    expert: await person(db, tag, "expert", "孙慧敏", member("expert")),
  };
  // The other resident representatives on the council's roll (seven with 王秀英).
  const reps: E2EPerson[] = [];
  for (const [i, name] of ["陈国华", "徐志刚", "何伟", "罗文斌", "宋志明", "胡建平"].entries())
    reps.push(await person(db, tag, `rep${i + 1}`, name, member("resident", { gridId: grid.id, isResidentRep: true })));
  await person(db, tag, "staff-baoshi", "林芳", { communityId: second.community.id, role: "community_staff" });

  // ── Issues, oldest first (numbers follow) ──
  const issue = (options: Omit<Parameters<typeof createIssue>[1], "communityId" | "movedById">) =>
    createIssue(db, { communityId: community.id, gridId: grid.id, movedById: people.staff.id, ...options });
  const issues = {
    resolved: await issue({
      title: "北山路路灯不亮",
      categoryId: categories.safety.id,
      reporterId: people.grid.id,
      status: "resolved",
      createdAt: daysAgo(40),
    }),
    dilapidated: await issue({
      title: "天目山路79号危旧房安全隐患",
      description: "外墙开裂，楼梯扶手松动，住户担心安全。",
      address: "天目山路79号",
      urgency: "high",
      categoryId: categories.old_building.id,
      reporterId: people.grid.id,
      status: "escalated",
      createdAt: daysAgo(20),
      escalation: { unitId: units.housing.id, dueAt: daysAgo(2) },
    }),
    property: await issue({
      title: "松木场老旧小区物业管理缺位",
      description: "小区没有物业，垃圾无人清运，楼道灯坏了没人修。",
      categoryId: categories.property.id,
      reporterId: people.grid.id,
      status: "on_agenda",
      createdAt: daysAgo(18),
    }),
    clutter: await issue({
      title: "楼道堆物堵塞疏散通道，存在消防隐患",
      description: "5、7、9幢楼道堆满旧家具和纸箱。",
      categoryId: categories.safety.id,
      reporterId: people.grid.id,
      status: "in_progress",
      createdAt: daysAgo(15),
    }),
    canteen: await issue({
      title: "社区缺少老年食堂，独居老人吃饭难",
      categoryId: categories.elderly_children.id,
      reporterId: reps[0].id,
      status: "decided",
      createdAt: daysAgo(30),
    }),
    parking: await issue({
      title: "小区停车位严重不足，消防通道被占",
      categoryId: categories.parking.id,
      reporterId: reps[1].id,
      status: "on_agenda",
      createdAt: daysAgo(12),
    }),
    rejected: await issue({
      title: "要求社区出资装修私人阳台",
      categoryId: categories.other.id,
      reporterId: reps[2].id,
      status: "rejected",
      rejectReason: "属于业主个人事务，不在社区受理范围。",
      createdAt: daysAgo(11),
    }),
    doorLock: await issue({
      title: "3幢单元门禁损坏",
      categoryId: categories.safety.id,
      reporterId: people.grid.id,
      status: "awaiting_acceptance",
      createdAt: daysAgo(10),
    }),
    reopened: await issue({
      title: "健身器材螺丝松动",
      categoryId: categories.elderly_children.id,
      reporterId: reps[3].id,
      status: "reopened",
      createdAt: daysAgo(9),
    }),
    wasteSmell: await issue({
      title: "小区东门垃圾分类点异味严重",
      description: "夏天异味很重，垃圾桶清运不及时。",
      categoryId: categories.environment.id,
      reporterId: people.resident.id,
      status: "escalated",
      createdAt: daysAgo(6),
      escalation: { unitId: units.cityManagement.id, dueAt: new Date(now + DAY) },
    }),
    accepted: await issue({
      title: "小区东门路面坑洼",
      categoryId: categories.parking.id,
      reporterId: reps[4].id,
      status: "accepted",
      createdAt: daysAgo(4),
    }),
    charging: await issue({
      title: "电动自行车飞线充电，急需集中充电桩",
      description: "晚上充电排长队，有人从楼上拉电线下来。",
      categoryId: categories.safety.id,
      reporterId: reps[0].id,
      status: "submitted",
      createdAt: daysAgo(1),
    }),
  };

  // ── Work on the stairwell clutter: the fire station reported progress; the property company has its item ──
  await createActionItem(db, {
    issueId: issues.clutter.id,
    unitId: units.fireStation.id,
    description: "联合社区逐栋排查5、7、9幢楼道堆物，现场指导清理",
    dueAt: new Date(now + 5 * DAY),
    createdById: people.staff.id,
    progress: { authorId: people.staff.id, text: "5幢已清理完毕，7幢、9幢已张贴告示。", percent: 40 },
  });
  await createActionItem(db, {
    issueId: issues.clutter.id,
    unitId: units.property.id,
    description: "清理后的旧家具统一暂存并通知业主认领",
    dueAt: new Date(now + 10 * DAY),
    createdById: people.staff.id,
  });
  await createActionItem(db, {
    issueId: issues.doorLock.id,
    unitId: units.property.id,
    description: "更换3幢单元门禁",
    dueAt: daysAgo(1),
    createdById: people.staff.id,
  });

  // ── Meetings ──
  const roll = standingRoll(people, reps);
  const planned = await createMeeting(db, {
    communityId: community.id,
    hostId: people.host.id,
    createdById: people.staff.id,
    title: "松木场社区民生圆桌会：物业与停车专题",
    status: "planned",
    roll: [...roll, { name: "周阿婆", role: "resident_rep", canVote: true }],
    agenda: [
      { title: issues.property.title, description: "讨论引入准物业管理。", issueId: issues.property.id },
      { title: issues.parking.title, issueId: issues.parking.id },
      { title: "修订《松木场社区居民议事规则》", description: "讨论代为表决和纸质投票的规则。" },
    ],
  });

  const checkedIn = new Date(now - 10 * 60_000);
  const live = await createMeeting(db, {
    communityId: community.id,
    hostId: people.host.id,
    createdById: people.staff.id,
    title: "楼道堆物整治专题议事会",
    status: "live",
    roll: roll.map((entry) => ({ ...entry, checkedInAt: checkedIn })),
    agenda: [{ title: "清理 5 号楼楼道堆物", description: "消防通道被占用，拟统一清理。", issueId: issues.clutter.id }],
  });
  const openPoll = await openSecretPoll(db, live.meeting, live.agendaItems[0].id, "是否同意在小区东门增设夜间照明？");

  const ended = await createMeeting(db, {
    communityId: community.id,
    hostId: people.host.id,
    createdById: people.staff.id,
    title: "松木场社区十一月民生圆桌会",
    status: "ended",
    startsAt: daysAgo(21),
    roll: roll.map((entry, i) => ({ ...entry, checkedInAt: i < 7 ? daysAgo(21) : null })),
    agenda: [{ title: issues.canteen.title, description: "在党群服务中心开设老年食堂。", issueId: issues.canteen.id }],
  });
  const endedItem = ended.agendaItems[0];
  await db.comment.create({
    data: { agendaItemId: endedItem.id, authorId: reps[0].id, body: "希望中午能送餐上门，行动不便的老人也能吃上热饭。" },
  });
  await db.expertOpinion.create({
    data: {
      agendaItemId: endedItem.id,
      expertId: people.expert.id,
      stance: "conditional",
      rationale: "建议依托党群服务中心现有厨房改造，引入专业餐饮企业运营。",
      conflictOfInterest: "与本议题及相关企业无利益关系。",
    },
  });
  const { poll: closedPoll } = await createClosedPoll(db, {
    meetingId: ended.meeting.id,
    agendaItemId: endedItem.id,
    createdById: people.host.id,
    question: `是否同意：${issues.canteen.title}——在党群服务中心开设老年食堂`,
    ballotMode: "secret",
    openedAt: daysAgo(21),
    closedAt: new Date(daysAgo(21).getTime() + 5 * 60_000),
    counts: { yes: [5, 1], no: [1, 0], abstain: [1, 0] },
    attendance: { eligible: 9, present: 7 },
  });
  const decision = await createDecision(db, {
    meetingId: ended.meeting.id,
    agendaItemId: endedItem.id,
    issueId: issues.canteen.id,
    pollId: closedPoll.id,
    text: "依托社区党群服务中心厨房开设老年食堂，由北山物业负责场地改造，80岁以上老人享受就餐补贴。",
    createdById: people.host.id,
    status: "notice",
  });
  await publishMinutesOf(db, ended.meeting.id);

  // ── What people were told ──
  const link = (n: number) => `/c/${community.slug}/issues/${n}`;
  const notice = (userId: string, type: string, data: Record<string, unknown>, href?: string) =>
    createNotification(db, { userId, type, data, link: href });
  await notice(
    people.dept.id,
    "escalated_to_department",
    { number: issues.dilapidated.number, title: issues.dilapidated.title, dueAt: daysAgo(2).toISOString() },
    link(issues.dilapidated.number),
  );
  await notice(
    people.unitrep.id,
    "assigned_to_unit",
    {
      number: issues.clutter.number,
      title: issues.clutter.title,
      dueAt: new Date(now + 10 * DAY).toISOString(),
      description: "清理后的旧家具",
    },
    link(issues.clutter.number),
  );
  await notice(
    people.resident.id,
    "issue_status_changed",
    { number: issues.wasteSmell.number, title: issues.wasteSmell.title, change: "accept" },
    link(issues.wasteSmell.number),
  );
  await notice(
    people.grid.id,
    "acceptance_requested",
    { number: issues.doorLock.number, title: issues.doorLock.title },
    link(issues.doorLock.number),
  );
  await notice(
    people.host.id,
    "meeting_invitation",
    { title: planned.meeting.title, place: planned.meeting.place },
    `/meetings/${planned.meeting.id}`,
  );
  await notice(
    people.expert.id,
    "decision_published",
    { decision: decision.text.slice(0, 30), days: 7 },
    `/c/${community.slug}/decisions/${decision.id}`,
  );

  return {
    street,
    community,
    secondCommunity: second.community,
    grid,
    categories,
    units,
    people,
    reps,
    issues,
    meetings: { planned, live, ended },
    openPoll,
    decision,
  };
}
