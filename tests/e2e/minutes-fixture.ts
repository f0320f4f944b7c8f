/**
 * Gives the minutes e2e test an ended council meeting in the demo community (松木场) with checked-in
 * participants, an expert opinion, a closed poll with its stored result and a draft decision — written
 * straight into the e2e server's database, so the test depends on nothing but the schema.
 */
import crypto from "node:crypto";
import path from "node:path";
import type { PollResult } from "../../app/domain/voting/result";
import { createDb } from "../../app/infra/db.server";

export const DECISION_TEXT = "同意在 3 号楼东侧增设 12 个电动车充电桩，由物业公司在消防评估通过后 30 日内完成。";
export const POLL_QUESTION = "是否同意在 3 号楼东侧增设电动车充电桩？";

export async function createEndedMeetingForMinutes(port: string) {
  const db = createDb(`file:${path.resolve(`data/e2e-${port}/yishi.db`)}`);
  try {
    const community = await db.community.findUniqueOrThrow({ where: { slug: "songmuchang" } });
    const user = (username: string) => db.user.findUniqueOrThrow({ where: { username } });
    const [staff, host, resident, expert] = await Promise.all([user("staff"), user("host"), user("resident"), user("expert")]);
    const category = await db.issueCategory.findFirstOrThrow({ where: { communityId: community.id } });
    const last = await db.issue.aggregate({ where: { communityId: community.id }, _max: { number: true } });
    const issue = await db.issue.create({
      data: {
        communityId: community.id,
        number: (last._max.number ?? 0) + 1,
        categoryId: category.id,
        title: "3 号楼电动车充电难",
        description: "晚上充电排长队，楼道里有人私拉电线。",
        status: "decided",
        reporterId: resident.id,
      },
    });
    const startsAt = new Date("2026-11-20T19:00:00+08:00");
    const meeting = await db.meeting.create({
      data: {
        communityId: community.id,
        code: `E2E${crypto.randomBytes(3).toString("hex")}`,
        title: "充电桩专题民生圆桌会",
        form: "roundtable",
        startsAt,
        startedAt: startsAt,
        endedAt: new Date("2026-11-20T20:45:00+08:00"),
        place: "松木场社区党群服务中心",
        hostId: host.id,
        status: "ended",
        createdById: staff.id,
      },
    });
    const at = new Date("2026-11-20T18:50:00+08:00");
    await db.participant.createMany({
      data: [
        { meetingId: meeting.id, userId: resident.id, name: resident.displayName, role: "resident_rep", canVote: true, checkedInAt: at },
        { meetingId: meeting.id, userId: null, name: "张建国", role: "resident_rep", canVote: true, checkedInAt: at },
        { meetingId: meeting.id, userId: null, name: "刘桂芳", role: "resident_rep", canVote: true, checkedInAt: null },
        { meetingId: meeting.id, userId: expert.id, name: expert.displayName, role: "expert", canVote: false, checkedInAt: at },
      ],
    });
    const item = await db.agendaItem.create({
      data: {
        meetingId: meeting.id,
        position: 1,
        title: "3 号楼东侧增设充电桩",
        description: "物业提出增设方案。",
        issueId: issue.id,
        status: "done",
      },
    });
    await db.comment.create({ data: { agendaItemId: item.id, authorId: resident.id, body: "支持增设，希望装在远离儿童游乐区的位置。" } });
    await db.expertOpinion.create({
      data: {
        agendaItemId: item.id,
        expertId: expert.id,
        stance: "conditional",
        rationale: "先做消防评估，再安装带自动断电的充电桩。",
        conflictOfInterest: "无利益冲突",
      },
    });
    const poll = await db.poll.create({
      data: {
        meetingId: meeting.id,
        agendaItemId: item.id,
        question: POLL_QUESTION,
        kind: "yes_no_abstain",
        ballotMode: "named",
        passRule: "majority_cast",
        status: "closed",
        openedAt: new Date("2026-11-20T20:00:00+08:00"),
        closedAt: new Date("2026-11-20T20:08:00+08:00"),
        createdById: host.id,
      },
    });
    const result: PollResult = {
      version: 1,
      pollId: poll.id,
      question: POLL_QUESTION,
      kind: "yes_no_abstain",
      ballotMode: "named",
      passRule: "majority_cast",
      abstentionsCount: false,
      options: [
        { key: "yes", label: "赞成", electronic: 17, manual: 2, total: 19 },
        { key: "no", label: "反对", electronic: 3, manual: 0, total: 3 },
        { key: "abstain", label: "弃权", electronic: 1, manual: 0, total: 1 },
      ],
      ballotsElectronic: 21,
      ballotsManual: 2,
      proxyBallots: 1,
      eligible: 27,
      present: 23,
      quorumRequired: 14,
      quorumMet: true,
      threshold: 12,
      thresholdBase: 22,
      passed: true,
      leaders: ["yes"],
      closedAt: "2026-11-20T12:08:00.000Z",
    };
    await db.poll.update({ where: { id: poll.id }, data: { result: JSON.stringify(result) } });
    const decision = await db.decision.create({
      data: { meetingId: meeting.id, agendaItemId: item.id, issueId: issue.id, pollId: poll.id, text: DECISION_TEXT, createdById: host.id },
    });
    return { meetingId: meeting.id, decisionId: decision.id, issueNumber: issue.number, slug: community.slug };
  } finally {
    await db.$disconnect();
  }
}

export async function publishedHash(port: string, meetingId: string): Promise<string | null> {
  const db = createDb(`file:${path.resolve(`data/e2e-${port}/yishi.db`)}`);
  try {
    return (await db.minutes.findUnique({ where: { meetingId } }))?.contentHash ?? null;
  } finally {
    await db.$disconnect();
  }
}

/** The stored text of a meeting's minutes (what the server saved, not what the editor shows). */
export async function storedMinutes(port: string, meetingId: string): Promise<string> {
  const db = createDb(`file:${path.resolve(`data/e2e-${port}/yishi.db`)}`);
  try {
    return (await db.minutes.findUniqueOrThrow({ where: { meetingId } })).content;
  } finally {
    await db.$disconnect();
  }
}

/** A second vote of the meeting, closed with a stored result after the minutes were drafted. */
export async function addClosedPoll(port: string, meetingId: string): Promise<string> {
  const db = createDb(`file:${path.resolve(`data/e2e-${port}/yishi.db`)}`);
  try {
    const host = await db.user.findUniqueOrThrow({ where: { username: "host" } });
    const question = "是否同意充电桩夜间 22 点后停止充电？";
    const poll = await db.poll.create({
      data: {
        meetingId,
        question,
        kind: "yes_no_abstain",
        ballotMode: "secret",
        passRule: "majority_cast",
        status: "closed",
        openedAt: new Date("2026-11-20T20:20:00+08:00"),
        closedAt: new Date("2026-11-20T20:25:00+08:00"),
        createdById: host.id,
      },
    });
    const result: PollResult = {
      version: 1,
      pollId: poll.id,
      question,
      kind: "yes_no_abstain",
      ballotMode: "secret",
      passRule: "majority_cast",
      abstentionsCount: false,
      options: [
        { key: "yes", label: "赞成", electronic: 12, manual: 1, total: 13 },
        { key: "no", label: "反对", electronic: 8, manual: 1, total: 9 },
        { key: "abstain", label: "弃权", electronic: 1, manual: 0, total: 1 },
      ],
      ballotsElectronic: 21,
      ballotsManual: 2,
      proxyBallots: 0,
      eligible: 27,
      present: 23,
      quorumRequired: 14,
      quorumMet: true,
      threshold: 12,
      thresholdBase: 22,
      passed: true,
      leaders: ["yes"],
      closedAt: "2026-11-20T12:25:00.000Z",
    };
    await db.poll.update({ where: { id: poll.id }, data: { result: JSON.stringify(result) } });
    return question;
  } finally {
    await db.$disconnect();
  }
}
