import type { Db } from "../../infra/db.server";
import { notFound } from "../errors";
import { parsePollResult } from "../voting/result";
import { publicRollCallsOf } from "../voting/roll-call.server";
import type { PollKind, QuorumRule } from "../voting/tally";
import { optionsOf } from "../voting/tally";
import { attendanceOf } from "./attendance";

/**
 * The public record of a meeting: agenda, attendance numbers, results and decisions. No names of voters,
 * except the roll call of a named poll the host declared public when defining it.
 */
export async function publicMeetingRecord(db: Db, communitySlug: string, meetingId: string) {
  const meeting = await db.meeting.findFirst({
    where: { id: meetingId, community: { slug: communitySlug } },
    select: {
      id: true,
      title: true,
      form: true,
      status: true,
      startsAt: true,
      place: true,
      quorumRule: true,
      startedAt: true,
      endedAt: true,
      community: { select: { slug: true, nameZh: true, nameEn: true } },
      minutes: { select: { status: true } },
      participants: { select: { id: true, canVote: true, checkedInAt: true, proxyForId: true, substituteForId: true, role: true } },
      agendaItems: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          position: true,
          title: true,
          description: true,
          status: true,
          issue: { select: { number: true, status: true } },
          decisions: { select: { id: true, text: true, status: true } },
          polls: {
            where: { status: "closed" },
            orderBy: { closedAt: "asc" },
            select: {
              id: true,
              question: true,
              kind: true,
              result: true,
              resultsHidden: true,
              options: { select: { id: true, label: true }, orderBy: { position: "asc" } },
            },
          },
        },
      },
    },
  });
  if (!meeting) throw notFound("meetings:errors.meetingNotFound");
  const rollCalls = new Map((await publicRollCallsOf(db, meeting.id)).map((r) => [r.pollId, r]));
  const attendance = attendanceOf(
    meeting.participants.map((p) => ({
      id: p.id,
      canVote: p.canVote,
      checkedIn: p.checkedInAt !== null,
      proxyForId: p.proxyForId,
      substituteForId: p.substituteForId,
    })),
    meeting.quorumRule as QuorumRule,
  );
  const roles: Record<string, number> = {};
  for (const p of meeting.participants) if (p.checkedInAt) roles[p.role] = (roles[p.role] ?? 0) + 1;
  return {
    meeting: {
      id: meeting.id,
      title: meeting.title,
      form: meeting.form,
      status: meeting.status,
      startsAt: meeting.startsAt,
      place: meeting.place,
      quorumRule: meeting.quorumRule,
      community: meeting.community,
      minutesPublished: meeting.minutes?.status === "published",
    },
    attendance: { ...attendance, rollSize: meeting.participants.length, roles },
    items: meeting.agendaItems.map((item) => ({
      id: item.id,
      position: item.position,
      title: item.title,
      description: item.description,
      status: item.status,
      issue: item.issue,
      decisions: item.decisions,
      polls: item.polls.flatMap((p) => {
        const result = parsePollResult(p.result);
        if (!result) return [];
        const rollCall = rollCalls.get(p.id);
        return [
          {
            id: p.id,
            question: p.question,
            result,
            rollCall: rollCall ? { kind: rollCall.kind, options: rollCall.options, entries: rollCall.entries } : null,
            view: {
              kind: p.kind as PollKind,
              options: optionsOf({ kind: p.kind as PollKind, options: p.options.map((o) => ({ key: o.id, label: o.label })) }),
              counts: null,
              result,
              status: "closed" as const,
              resultsHidden: false,
            },
          },
        ];
      }),
    })),
  };
}
