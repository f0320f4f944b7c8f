/**
 * Issue #13 demo: the quarterly joint meeting of 松木场's participating units (共建联席会议, 三定: first Thursday
 * of each quarter, 14:30, the Party-service centre, on the joint projects), after the units' demo.
 * - the last quarter's occurrence took place: the property company (`unitrep`) came, the housing bureau
 *   (`dept`) did not; one item was decided, one (the lift coordination) was left open and has moved on;
 * - the next occurrence is scheduled with both units invited and the open item on its agenda.
 */
import type { Db } from "../app/infra/db.server";
import { DAY } from "../app/infra/clock";
import { occurrencesAfter } from "../app/domain/joint-meetings/recurrence";
import type { SeriesRule } from "../app/domain/joint-meetings/recurrence";
import { newMeetingCode } from "../app/domain/meetings/planning.server";
import { scheduleOccurrences, seatUnits } from "../app/domain/joint-meetings/series.server";

export async function seedJointMeetings(db: Db, now: Date): Promise<void> {
  const community = await db.community.findUniqueOrThrow({ where: { slug: "songmuchang" }, select: { id: true, streetId: true } });
  const user = async (username: string) => (await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } })).id;
  const unit = async (key: string) =>
    (
      await db.membership.findFirstOrThrow({
        where: { communityId: community.id, role: "unit_rep", user: { username: key } },
        select: { unitId: true },
      })
    ).unitId as string;
  const staff = await user("staff");
  const host = await user("host");
  const seats = [
    { unitId: await unit("unitrep"), delegateId: await user("unitrep"), substituteId: null },
    { unitId: await unit("dept"), delegateId: await user("dept"), substituteId: null },
  ];
  const rule: SeriesRule = { frequency: "quarterly", monthInPeriod: 1, dayRule: "nth_weekday", ordinal: 1, weekday: 4, time: "14:30" };
  // The last occurrence before today (at most a quarter ago).
  const pastAt = occurrencesAfter(rule, new Date(now.getTime() - 100 * DAY), 3)
    .filter((at) => at < now)
    .at(-1) as Date;

  const series = await db.jointMeetingSeries.create({
    data: {
      communityId: community.id,
      title: "松木场社区共建单位联席会议",
      theme: "共建项目推进与“三张清单”对接",
      place: "松木场社区党群服务中心二楼会议室",
      frequency: rule.frequency,
      monthInPeriod: rule.monthInPeriod,
      dayRule: rule.dayRule,
      ordinal: rule.ordinal,
      weekday: rule.weekday,
      time: rule.time,
      ahead: 1,
      hostId: host,
      createdById: staff,
      createdAt: new Date(pastAt.getTime() - 30 * DAY),
      seats: { create: seats },
    },
  });

  await db.$transaction(async (tx) => {
    const past = await tx.meeting.create({
      data: {
        communityId: community.id,
        seriesId: series.id,
        code: newMeetingCode(),
        title: series.title,
        form: "joint",
        startsAt: pastAt,
        endsAt: new Date(pastAt.getTime() + 2 * 3_600_000),
        place: series.place,
        hostId: host,
        status: "ended",
        startedAt: pastAt,
        endedAt: new Date(pastAt.getTime() + 90 * 60_000),
        createdById: staff,
        createdAt: series.createdAt,
      },
    });
    await seatUnits(tx, past.id, seats);
    await tx.participant.updateMany({
      where: { meetingId: past.id, userId: seats[0]!.delegateId },
      data: { checkedInAt: new Date(pastAt.getTime() - 10 * 60_000), checkedInById: seats[0]!.delegateId },
    });
    const decided = await tx.agendaItem.create({
      data: { meetingId: past.id, position: 1, title: "楼道保洁与公共设施维修分工", status: "done" },
    });
    await tx.agendaItem.create({
      data: {
        meetingId: past.id,
        position: 2,
        title: "老旧小区加装电梯协调",
        description: "需住建部门到场说明补助政策，本次未能议决。",
        status: "done",
      },
    });
    await tx.decision.create({
      data: {
        meetingId: past.id,
        agendaItemId: decided.id,
        text: "北山物业负责 3 个老旧小区楼道保洁，每月第一周联合网格员检查一次。",
        status: "final",
        noticeStartsAt: new Date(pastAt.getTime() + DAY),
        noticeEndsAt: new Date(pastAt.getTime() + 8 * DAY),
        finalAt: new Date(pastAt.getTime() + 8 * DAY),
        createdById: staff,
        createdAt: new Date(pastAt.getTime() + 80 * 60_000),
      },
    });
  });
  // The next occurrence, its invitations, and the open item carried over, as the background job would.
  await scheduleOccurrences(db, { now: () => now }, series.id);
}
