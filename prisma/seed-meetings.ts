/**
 * Demo council meetings for 松木场 Songmuchang, added after the rest of the demo (prisma/seed.ts):
 * - a planned 民生圆桌会 hosted by `host`, with the standing roll and agenda items taken from tracker issues,
 *   so the demo host has a meeting to run;
 * - an ended meeting with checked-in members, a proxy, closed polls (one secret, one named with a hand
 *   count), stored results and recorded decisions, so minutes and public pages have realistic data.
 * Everything goes through the same domain functions the app uses (transitions, results, action items).
 */
import crypto from "node:crypto";
import type { Db, Tx } from "../app/infra/db.server";
import { FakeClock, DAY } from "../app/infra/clock";
import { createActionItem } from "../app/domain/issues/action-items.server";
import { transitionIssue } from "../app/domain/issues/transition.server";
import { attendanceOf } from "../app/domain/meetings/attendance";
import { newMeetingCode } from "../app/domain/meetings/planning.server";
import type { Actor } from "../app/domain/permissions";
import { isCommunityRole } from "../app/domain/roles";
import { computeResult } from "../app/domain/voting/tally";

async function actorFor(db: Db | Tx, username: string): Promise<Actor> {
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

async function standingRoll(tx: Tx, meetingId: string, communityId: string) {
  const members = await tx.membership.findMany({
    where: { communityId, OR: [{ role: "resident", isResidentRep: true }, { role: "unit_rep" }, { role: "expert" }] },
    select: { userId: true, role: true, user: { select: { displayName: true, username: true } } },
    orderBy: { createdAt: "asc" },
  });
  const seen = new Set<string>();
  const rows = [];
  for (const m of members) {
    if (seen.has(m.userId)) continue;
    seen.add(m.userId);
    const role = m.role === "resident" ? "resident_rep" : m.role === "unit_rep" ? "unit_rep" : "expert";
    rows.push({
      id: crypto.randomUUID(),
      meetingId,
      userId: m.userId,
      name: m.user.displayName,
      role,
      canVote: role !== "expert",
      username: m.user.username,
    });
  }
  await tx.participant.createMany({ data: rows.map(({ username: _username, ...row }) => row) });
  return rows;
}

/** Chinese wall time (UTC+8) `days` from now, at hh:mm. */
function chinaTime(now: Date, days: number, hour: number, minute = 0): Date {
  const local = new Date(now.getTime() + 8 * 3600_000 + days * DAY);
  local.setUTCHours(hour, minute, 0, 0);
  return new Date(local.getTime() - 8 * 3600_000);
}

export async function seedMeetings(db: Db, now: Date = new Date()): Promise<void> {
  const community = await db.community.findUnique({ where: { slug: "songmuchang" }, select: { id: true, streetId: true } });
  if (!community) return;
  if ((await db.meeting.count({ where: { communityId: community.id } })) > 0) return;
  const [staff, host] = await Promise.all([actorFor(db, "staff"), actorFor(db, "host")]);
  const issueByNumber = async (number: number) =>
    db.issue.findUniqueOrThrow({
      where: { communityId_number: { communityId: community.id, number } },
      select: { id: true, title: true, description: true, status: true },
    });
  const [property, canteen, parking] = await Promise.all([issueByNumber(1), issueByNumber(4), issueByNumber(6)]);
  const units = await db.unit.findMany({ where: { streetId: community.streetId }, select: { id: true, nameZh: true } });
  const unit = (name: string) => units.find((u) => u.nameZh.includes(name))?.id ?? units[0].id;

  await db.$transaction(
    async (tx) => {
      // ── The ended meeting, three weeks ago ──
      const startedAt = chinaTime(now, -21, 19);
      const clock = new FakeClock(startedAt);
      const ended = await tx.meeting.create({
        data: {
          communityId: community.id,
          code: newMeetingCode(),
          title: "松木场社区十一月民生圆桌会",
          form: "roundtable",
          startsAt: startedAt,
          endsAt: new Date(startedAt.getTime() + 2 * 3600_000),
          place: "松木场社区党群服务中心二楼议事厅",
          hostId: host.id,
          status: "ended",
          startedAt,
          endedAt: new Date(startedAt.getTime() + 110 * 60_000),
          createdById: staff.id,
          createdAt: new Date(startedAt.getTime() - 7 * DAY),
        },
      });
      const roll = await standingRoll(tx, ended.id, community.id);
      // Everyone came but two residents; one of them left their vote with 王秀英 (resident).
      const absent = roll
        .filter((p) => p.role === "resident_rep" && p.username !== "resident")
        .slice(-2)
        .map((p) => p.id);
      for (const p of roll) {
        if (!absent.includes(p.id))
          await tx.participant.update({
            where: { id: p.id },
            data: { checkedInAt: new Date(startedAt.getTime() - 10 * 60_000), checkedInById: staff.id },
          });
      }
      const holder = roll.find((p) => p.username === "resident");
      if (holder) await tx.participant.update({ where: { id: holder.id }, data: { proxyForId: absent[0] } });
      const guest = await tx.participant.create({
        data: { meetingId: ended.id, name: "周阿婆", role: "resident_rep", canVote: true, checkedInAt: startedAt, checkedInById: staff.id },
      });

      await transitionIssue(tx, clock, "system", { issueId: canteen.id, transition: "put_on_agenda" });
      const item1 = await tx.agendaItem.create({
        data: {
          meetingId: ended.id,
          position: 1,
          title: canteen.title,
          description: canteen.description,
          issueId: canteen.id,
          status: "done",
        },
      });
      const item2 = await tx.agendaItem.create({
        data: {
          meetingId: ended.id,
          position: 2,
          title: "2027年度社区微实事项目排序",
          description: "从居民征集的五个项目中选出两个优先实施。",
          status: "done",
        },
      });

      const expert = await actorFor(tx, "expert");
      await tx.expertOpinion.create({
        data: {
          agendaItemId: item1.id,
          expertId: expert.id,
          stance: "conditional",
          rationale: "建议依托社区党群服务中心现有厨房改造，引入专业餐饮企业运营，并对80岁以上老人给予就餐补贴，控制运营成本。",
          conflictOfInterest: "与本议题及相关企业无利益关系。",
          createdAt: new Date(startedAt.getTime() + 20 * 60_000),
        },
      });
      const res01 = await tx.user.findUniqueOrThrow({ where: { username: "res01" }, select: { id: true } });
      await tx.comment.create({
        data: {
          agendaItemId: item1.id,
          authorId: res01.id,
          body: "希望中午能送餐上门，行动不便的老人也能吃上热饭。",
          createdAt: new Date(startedAt.getTime() + 25 * 60_000),
        },
      });

      const attendance = attendanceOf(
        (await tx.participant.findMany({ where: { meetingId: ended.id } })).map((p) => ({
          id: p.id,
          canVote: p.canVote,
          checkedIn: !!p.checkedInAt,
          proxyForId: p.proxyForId,
        })),
        "more_than_half",
      );
      const voters = (
        await tx.participant.findMany({
          where: { meetingId: ended.id, canVote: true, checkedInAt: { not: null }, userId: { not: null } },
          orderBy: { name: "asc" },
        })
      ).map((p) => p.id);

      // Poll 1: secret, for / against / abstain. Who voted is one table, what was chosen another.
      const opened1 = new Date(startedAt.getTime() + 40 * 60_000);
      const closed1 = new Date(opened1.getTime() + 5 * 60_000);
      const poll1 = await tx.poll.create({
        data: {
          meetingId: ended.id,
          agendaItemId: item1.id,
          question: `是否同意：${canteen.title}——在党群服务中心开设老年食堂`,
          kind: "yes_no_abstain",
          ballotMode: "secret",
          passRule: "majority_cast",
          abstentionsCount: false,
          status: "closed",
          openedAt: opened1,
          closedAt: closed1,
          createdById: host.id,
          createdAt: opened1,
        },
      });
      const secretVotes = [
        ...voters.map((id) => ({ voterId: id, castById: id })),
        ...(holder ? [{ voterId: absent[0], castById: holder.id }] : []),
      ];
      await tx.voteRecord.createMany({
        data: secretVotes.map((v) => ({
          id: crypto.randomUUID(),
          pollId: poll1.id,
          voterId: v.voterId,
          castById: v.castById,
          idempotencyKey: crypto.randomUUID(),
          createdAt: new Date(0),
        })),
      });
      const yes1 = secretVotes.length - 2;
      const boxes = { yes: yes1, no: 1, abstain: 1 };
      for (const [choice, weight] of Object.entries(boxes)) {
        const choices = JSON.stringify([choice]);
        await tx.ballot.create({
          data: {
            id: crypto.createHash("sha256").update(`${poll1.id}\u0000${choices}`).digest("hex").slice(0, 32),
            pollId: poll1.id,
            voterId: null,
            choices,
            weight,
          },
        });
      }
      // 周阿婆 voted by show of hands.
      await tx.handCount.create({
        data: {
          pollId: poll1.id,
          source: "hand",
          counts: JSON.stringify({ yes: 1, no: 0, abstain: 0 }),
          voters: 1,
          enteredById: staff.id,
          createdAt: closed1,
        },
      });
      const result1 = computeResult({
        poll: {
          id: poll1.id,
          question: poll1.question,
          kind: "yes_no_abstain",
          maxChoices: 1,
          passRule: "majority_cast",
          abstentionsCount: false,
          ballotMode: "secret",
          options: [],
        },
        electronic: boxes,
        ballotsElectronic: secretVotes.length,
        proxyBallots: holder ? 1 : 0,
        handCounts: [{ counts: { yes: 1, no: 0, abstain: 0 }, voters: 1 }],
        attendance,
        quorumRule: "more_than_half",
        closedAt: closed1,
      });
      await tx.poll.update({ where: { id: poll1.id }, data: { votesCast: secretVotes.length, result: JSON.stringify(result1) } });

      const decision1 = await tx.decision.create({
        data: {
          meetingId: ended.id,
          agendaItemId: item1.id,
          issueId: canteen.id,
          pollId: poll1.id,
          text: "经无记名表决通过：依托社区党群服务中心厨房开设老年食堂，由北山物业负责场地改造，2027年1月底前试运营；80岁以上老人享受就餐补贴。",
          createdById: host.id,
          createdAt: new Date(closed1.getTime() + 5 * 60_000),
        },
      });
      const decideClock = new FakeClock(new Date(closed1.getTime() + 5 * 60_000));
      await transitionIssue(tx, decideClock, "system", { issueId: canteen.id, transition: "decide" });
      // The action item's due date lies ahead of today, so it is created on today's clock.
      await createActionItem(tx, new FakeClock(now), staff, {
        issueId: canteen.id,
        unitId: unit("北山物业"),
        description: "完成党群服务中心厨房改造和消防验收，老年食堂试运营。",
        dueAt: chinaTime(now, 45, 18),
        decisionId: decision1.id,
        hostId: host.id,
      });

      // Poll 2: named, choose up to two of five projects.
      const opened2 = new Date(startedAt.getTime() + 70 * 60_000);
      const closed2 = new Date(opened2.getTime() + 6 * 60_000);
      const labels = ["加装楼道扶手", "口袋公园改造", "增设电动车充电桩", "社区书房延长开放", "老年助浴服务"];
      const poll2 = await tx.poll.create({
        data: {
          meetingId: ended.id,
          agendaItemId: item2.id,
          question: "2027年优先实施哪两个微实事项目？（最多选两项）",
          kind: "multiple",
          maxChoices: 2,
          ballotMode: "named",
          passRule: "majority_cast",
          abstentionsCount: true,
          status: "closed",
          openedAt: opened2,
          closedAt: closed2,
          createdById: host.id,
          createdAt: opened2,
          options: { create: labels.map((label, i) => ({ position: i + 1, label })) },
        },
        include: { options: { orderBy: { position: "asc" } } },
      });
      const picks = [[0, 2], [2], [0, 2], [1, 2], [0, 4], [2, 3], [0, 1], [2, 4], [0, 2]];
      const electronic: Record<string, number> = {};
      const named = voters.map((voterId, i) => {
        const choice = (picks[i % picks.length] ?? [2]).map((k) => poll2.options[k].id).sort();
        for (const key of choice) electronic[key] = (electronic[key] ?? 0) + 1;
        return { voterId, choices: JSON.stringify(choice) };
      });
      await tx.voteRecord.createMany({
        data: named.map((n, i) => ({
          id: crypto.randomUUID(),
          pollId: poll2.id,
          voterId: n.voterId,
          castById: n.voterId,
          idempotencyKey: crypto.randomUUID(),
          createdAt: new Date(opened2.getTime() + (i + 1) * 9000),
        })),
      });
      await tx.ballot.createMany({
        data: named.map((n) => ({ id: crypto.randomUUID(), pollId: poll2.id, voterId: n.voterId, choices: n.choices, weight: 1 })),
      });
      const hand2 = { [poll2.options[2].id]: 1, [poll2.options[0].id]: 1 };
      await tx.handCount.create({
        data: {
          pollId: poll2.id,
          source: "paper",
          counts: JSON.stringify(hand2),
          voters: 1,
          note: "周阿婆纸质选票",
          enteredById: staff.id,
          createdAt: closed2,
        },
      });
      const result2 = computeResult({
        poll: {
          id: poll2.id,
          question: poll2.question,
          kind: "multiple",
          maxChoices: 2,
          passRule: "majority_cast",
          abstentionsCount: true,
          ballotMode: "named",
          options: poll2.options.map((o) => ({ key: o.id, label: o.label })),
        },
        electronic,
        ballotsElectronic: named.length,
        proxyBallots: 0,
        handCounts: [{ counts: hand2, voters: 1 }],
        attendance,
        quorumRule: "more_than_half",
        closedAt: closed2,
      });
      await tx.poll.update({ where: { id: poll2.id }, data: { votesCast: named.length, result: JSON.stringify(result2) } });
      await tx.decision.create({
        data: {
          meetingId: ended.id,
          agendaItemId: item2.id,
          pollId: poll2.id,
          text: `经记名表决，2027年优先实施“${labels[2]}”和“${labels[0]}”两个微实事项目，列入社区年度项目清单。`,
          createdById: host.id,
          createdAt: new Date(closed2.getTime() + 3 * 60_000),
        },
      });
      void guest;

      // ── The planned meeting the demo host runs ──
      const upcoming = chinaTime(now, 2, 19);
      const planned = await tx.meeting.create({
        data: {
          communityId: community.id,
          code: newMeetingCode(),
          title: "松木场社区民生圆桌会：物业与停车专题",
          form: "roundtable",
          startsAt: upcoming,
          place: "松木场社区党群服务中心二楼议事厅",
          hostId: host.id,
          createdById: staff.id,
          createdAt: now,
        },
      });
      await standingRoll(tx, planned.id, community.id);
      await tx.participant.create({ data: { meetingId: planned.id, name: "周阿婆", role: "resident_rep", canVote: true } });
      let position = 0;
      for (const issue of [property, parking]) {
        await transitionIssue(tx, new FakeClock(now), "system", { issueId: issue.id, transition: "put_on_agenda" });
        await tx.agendaItem.create({
          data: { meetingId: planned.id, position: ++position, title: issue.title, description: issue.description, issueId: issue.id },
        });
      }
      await tx.agendaItem.create({
        data: {
          meetingId: planned.id,
          position: ++position,
          title: "修订《松木场社区居民议事规则》",
          description: "讨论代为表决和纸质投票的规则。",
        },
      });
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
