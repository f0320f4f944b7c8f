/**
 * Gives the minutes e2e tests an ended council meeting of a community of their own, with its staff (and a
 * second member of staff: the street admin), host, resident and expert; checked-in participants, an expert
 * opinion, a closed poll with its stored result and a draft decision — written straight into the e2e
 * server's database, so the tests depend on nothing but the schema.
 */
import type { Db } from "../../app/infra/db.server";
import {
  createCategories,
  createClosedPoll,
  createCommunity,
  createDecision,
  createIssue,
  createMeeting,
  createUser,
  unique,
} from "../helpers/fixtures";
import type { E2EPerson } from "./world";
import { e2eDb } from "./world";

export const DECISION_TEXT = "同意在 3 号楼东侧增设 12 个电动车充电桩，由物业公司在消防评估通过后 30 日内完成。";
export const POLL_QUESTION = "是否同意在 3 号楼东侧增设电动车充电桩？";

async function person(db: Db, username: string, displayName: string, membership: Parameters<typeof createUser>[1]): Promise<E2EPerson> {
  const created = await createUser(db, { username, displayName, ...membership });
  return { id: created.user.id, username, password: created.password, displayName };
}

/** `port` is the e2e server's; the database is the one world.ts writes to. */
export async function createEndedMeetingForMinutes(_port?: string) {
  const db = e2eDb();
  const tag = unique();
  const { street, community } = await createCommunity(db, { nameZh: `松木场社区 ${tag}`, nameEn: `Songmuchang ${tag}` });
  const member = (role: "community_staff" | "meeting_host" | "resident" | "expert") => ({ communityId: community.id, role });
  const people = {
    staff: await person(db, `staff-${tag}`, "陈晓燕", member("community_staff")),
    host: await person(db, `host-${tag}`, "李卫东", member("meeting_host")),
    resident: await person(db, `resident-${tag}`, "王秀英", { ...member("resident"), isResidentRep: true }),
    expert: await person(db, `expert-${tag}`, "孙慧敏", member("expert")),
    admin: await person(db, `admin-${tag}`, "周建华", { streetAdminOfId: street.id }),
  };
  const categories = await createCategories(db, community.id);
  const issue = await createIssue(db, {
    communityId: community.id,
    categoryId: categories.parking.id,
    reporterId: people.resident.id,
    title: "3 号楼电动车充电难",
    description: "晚上充电排长队，楼道里有人私拉电线。",
    status: "decided",
  });
  const at = new Date("2026-11-20T18:50:00+08:00");
  const { meeting, agendaItems } = await createMeeting(db, {
    communityId: community.id,
    hostId: people.host.id,
    createdById: people.staff.id,
    title: "充电桩专题民生圆桌会",
    status: "ended",
    startsAt: new Date("2026-11-20T19:00:00+08:00"),
    place: "松木场社区党群服务中心",
    roll: [
      { userId: people.resident.id, name: people.resident.displayName, role: "resident_rep", canVote: true, checkedInAt: at },
      { name: "张建国", role: "resident_rep", canVote: true, checkedInAt: at },
      { name: "刘桂芳", role: "resident_rep", canVote: true, checkedInAt: null },
      { userId: people.expert.id, name: people.expert.displayName, role: "expert", canVote: false, checkedInAt: at },
    ],
    agenda: [{ title: "3 号楼东侧增设充电桩", description: "物业提出增设方案。", issueId: issue.id }],
  });
  await db.meeting.update({ where: { id: meeting.id }, data: { endedAt: new Date("2026-11-20T20:45:00+08:00") } });
  const item = agendaItems[0];
  await db.comment.create({
    data: { agendaItemId: item.id, authorId: people.resident.id, body: "支持增设，希望装在远离儿童游乐区的位置。" },
  });
  await db.expertOpinion.create({
    data: {
      agendaItemId: item.id,
      expertId: people.expert.id,
      stance: "conditional",
      rationale: "先做消防评估，再安装带自动断电的充电桩。",
      conflictOfInterest: "无利益冲突",
    },
  });
  const { poll } = await createClosedPoll(db, {
    meetingId: meeting.id,
    agendaItemId: item.id,
    createdById: people.host.id,
    question: POLL_QUESTION,
    openedAt: new Date("2026-11-20T20:00:00+08:00"),
    closedAt: new Date("2026-11-20T20:08:00+08:00"),
    counts: { yes: [17, 2], no: [3, 0], abstain: [1, 0] },
    attendance: { eligible: 27, present: 23, proxyBallots: 1 },
  });
  const decision = await createDecision(db, {
    meetingId: meeting.id,
    agendaItemId: item.id,
    issueId: issue.id,
    pollId: poll.id,
    text: DECISION_TEXT,
    createdById: people.host.id,
  });
  return { meetingId: meeting.id, decisionId: decision.id, issueNumber: issue.number, slug: community.slug, people };
}

export async function publishedHash(_port: string, meetingId: string): Promise<string | null> {
  return (await e2eDb().minutes.findUnique({ where: { meetingId } }))?.contentHash ?? null;
}

/** The stored text of a meeting's minutes (what the server saved, not what the editor shows). */
export async function storedMinutes(_port: string, meetingId: string): Promise<string> {
  return (await e2eDb().minutes.findUniqueOrThrow({ where: { meetingId } })).content;
}

/** A second vote of the meeting, closed with a stored result after the minutes were drafted. */
export async function addClosedPoll(_port: string, meetingId: string): Promise<string> {
  const db = e2eDb();
  const meeting = await db.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { hostId: true } });
  const question = "是否同意充电桩夜间 22 点后停止充电？";
  await createClosedPoll(db, {
    meetingId,
    createdById: meeting.hostId,
    question,
    ballotMode: "secret",
    openedAt: new Date("2026-11-20T20:20:00+08:00"),
    closedAt: new Date("2026-11-20T20:25:00+08:00"),
    counts: { yes: [12, 1], no: [8, 1], abstain: [1, 0] },
    attendance: { eligible: 27, present: 23 },
  });
  return question;
}
