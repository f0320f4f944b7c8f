import crypto from "node:crypto";
import type { PollResult } from "../../app/domain/voting/result";
import type { Db } from "../../app/infra/db.server";
import { actorOf, createCommunity, createUser } from "./fixtures";

/**
 * An ended council meeting with everything the minutes draw on: checked-in participants (one holding a proxy),
 * an agenda item on a decided issue with comments and an expert opinion, a closed poll with its stored
 * result, and a draft decision. Built straight through Prisma so the minutes tests do not depend on the
 * meetings code.
 */
export async function createEndedMeeting(db: Db, options: { community?: Awaited<ReturnType<typeof createCommunity>> } = {}) {
  const place = options.community ?? (await createCommunity(db));
  const { community } = place;
  const staff = await createUser(db, { communityId: community.id, role: "community_staff" });
  const host = await createUser(db, { communityId: community.id, role: "meeting_host" });
  const resident = await createUser(db, { communityId: community.id, role: "resident" });
  const expert = await createUser(db, { communityId: community.id, role: "expert" });
  const category = await db.issueCategory.create({
    data: { communityId: community.id, key: `parking-${crypto.randomBytes(3).toString("hex")}`, nameZh: "停车", nameEn: "Parking" },
  });
  const maxNumber = await db.issue.aggregate({ where: { communityId: community.id }, _max: { number: true } });
  const issue = await db.issue.create({
    data: {
      communityId: community.id,
      number: (maxNumber._max.number ?? 0) + 1,
      categoryId: category.id,
      title: "小区东门电动车充电桩不足",
      description: "晚上充电排队，有人私拉电线。",
      status: "decided",
      reporterId: resident.user.id,
    },
  });
  const startsAt = new Date("2026-11-20T19:00:00+08:00");
  const meeting = await db.meeting.create({
    data: {
      communityId: community.id,
      code: `M${crypto.randomBytes(4).toString("hex")}`,
      title: "十一月民生圆桌会",
      form: "roundtable",
      startsAt,
      startedAt: startsAt,
      endedAt: new Date("2026-11-20T21:00:00+08:00"),
      place: "社区党群服务中心二楼",
      hostId: host.user.id,
      status: "ended",
      quorumRule: "more_than_half",
      createdById: staff.user.id,
    },
  });
  const checkedIn = new Date("2026-11-20T18:55:00+08:00");
  const people = [
    { name: "王阿姨", userId: resident.user.id, role: "resident_rep", canVote: true, checkedInAt: checkedIn },
    { name: "李师傅", userId: null, role: "resident_rep", canVote: true, checkedInAt: checkedIn },
    { name: "赵先生", userId: null, role: "resident_rep", canVote: true, checkedInAt: null },
    { name: "周老师", userId: expert.user.id, role: "expert", canVote: false, checkedInAt: checkedIn },
    { name: "主持人", userId: host.user.id, role: "observer", canVote: false, checkedInAt: checkedIn },
  ];
  const participants = [];
  for (const p of people) participants.push(await db.participant.create({ data: { meetingId: meeting.id, ...p } }));
  // 李师傅 holds 赵先生's proxy.
  await db.participant.update({ where: { id: participants[1].id }, data: { proxyForId: participants[2].id } });

  const agendaItem = await db.agendaItem.create({
    data: {
      meetingId: meeting.id,
      position: 1,
      title: "东门增设充电桩",
      description: "物业提出在东门增设 10 个充电桩。",
      issueId: issue.id,
      status: "done",
    },
  });
  await db.comment.create({ data: { agendaItemId: agendaItem.id, authorId: resident.user.id, body: "支持增设，但要注意消防通道。" } });
  await db.expertOpinion.create({
    data: {
      agendaItemId: agendaItem.id,
      expertId: expert.user.id,
      stance: "conditional",
      rationale: "需先做消防评估，再分两期建设。",
      conflictOfInterest: "无",
    },
  });
  const poll = await db.poll.create({
    data: {
      meetingId: meeting.id,
      agendaItemId: agendaItem.id,
      question: "是否同意在东门增设 10 个充电桩？",
      kind: "yes_no_abstain",
      ballotMode: "named",
      passRule: "majority_cast",
      status: "closed",
      openedAt: new Date("2026-11-20T20:00:00+08:00"),
      closedAt: new Date("2026-11-20T20:10:00+08:00"),
      createdById: host.user.id,
    },
  });
  const result: PollResult = {
    version: 1,
    pollId: poll.id,
    question: poll.question,
    kind: "yes_no_abstain",
    ballotMode: "named",
    passRule: "majority_cast",
    abstentionsCount: false,
    options: [
      { key: "yes", label: "赞成", electronic: 2, manual: 0, total: 2 },
      { key: "no", label: "反对", electronic: 0, manual: 0, total: 0 },
      { key: "abstain", label: "弃权", electronic: 1, manual: 0, total: 1 },
    ],
    ballotsElectronic: 3,
    ballotsManual: 0,
    proxyBallots: 1,
    eligible: 3,
    present: 3,
    quorumRequired: 2,
    quorumMet: true,
    threshold: 2,
    thresholdBase: 2,
    passed: true,
    leaders: ["yes"],
    closedAt: "2026-11-20T12:10:00.000Z",
  };
  await db.poll.update({ where: { id: poll.id }, data: { result: JSON.stringify(result) } });
  const decision = await db.decision.create({
    data: {
      meetingId: meeting.id,
      agendaItemId: agendaItem.id,
      issueId: issue.id,
      pollId: poll.id,
      text: "同意在东门增设 10 个电动车充电桩，由物业公司在 30 日内完成消防评估后实施。",
      status: "draft",
      createdById: host.user.id,
    },
  });
  return {
    ...place,
    meeting,
    agendaItem,
    poll,
    result,
    decision,
    issue,
    users: { staff, host, resident, expert },
    actors: {
      staff: await actorOf(db, staff.user.id),
      host: await actorOf(db, host.user.id),
      resident: await actorOf(db, resident.user.id),
      expert: await actorOf(db, expert.user.id),
    },
  };
}
