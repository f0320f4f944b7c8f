import type { Db } from "../../infra/db.server";
import type { Actor } from "../permissions";
import { requirePermission } from "../permissions";
import { parsePollResult } from "../voting/result";
import { loadMeeting, meetingResource } from "./access.server";
import { agendaCandidatesWhere } from "./planning.server";
import { unitsForActionItems } from "./record-decision.server";
import { staffRoll } from "./roll.server";
import { unverifiedAmong } from "../enrolment/verification.server";

/**
 * Staff's page for planning and running the record of a meeting: the agenda with its decisions, the roll,
 * the closed polls' results, tracker issues that may go on the agenda, members who may join the roll, and
 * the units that may own action items.
 */
export async function meetingManagePage(db: Db, actor: Actor, meetingId: string) {
  const ref = await loadMeeting(db, meetingId);
  requirePermission(actor, "manage:meeting", meetingResource(ref));
  const meeting = await db.meeting.findUniqueOrThrow({
    where: { id: ref.id },
    select: {
      id: true,
      title: true,
      form: true,
      status: true,
      code: true,
      startsAt: true,
      place: true,
      quorumRule: true,
      speakerSeconds: true,
      hostId: true,
      agendaItems: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          position: true,
          title: true,
          status: true,
          issueId: true,
          issue: { select: { number: true, status: true } },
          decisions: { select: { id: true, text: true, status: true } },
        },
      },
      polls: {
        where: { status: "closed" },
        orderBy: { closedAt: "asc" },
        select: { id: true, agendaItemId: true, question: true, result: true },
      },
    },
  });
  const [host, roll, issues, members, units] = await Promise.all([
    db.user.findUnique({ where: { id: meeting.hostId }, select: { displayName: true } }),
    staffRoll(db, meeting.id),
    db.issue.findMany({
      where: agendaCandidatesWhere(ref.communityId),
      orderBy: { number: "desc" },
      take: 200,
      select: { id: true, number: true, title: true, status: true },
    }),
    db.membership.findMany({
      where: { communityId: ref.communityId },
      select: { userId: true, role: true, isResidentRep: true, user: { select: { displayName: true } } },
      orderBy: { createdAt: "asc" },
    }),
    unitsForActionItems(db, { id: ref.communityId, streetId: ref.community.streetId }),
  ]);
  const onRoll = new Set(roll.map((p) => p.userId));
  // Residents whose registration is not confirmed are offered as such: they may attend but not vote.
  const unverified = await unverifiedAmong(db, ref.communityId, [...new Set(members.map((m) => m.userId))]);
  const candidates = new Map<string, { id: string; name: string; role: string; unverified: boolean }>();
  for (const m of members)
    if (!onRoll.has(m.userId) && !candidates.has(m.userId))
      candidates.set(m.userId, { id: m.userId, name: m.user.displayName, role: m.role, unverified: unverified.has(m.userId) });
  return {
    meeting: { ...meeting, hostName: host?.displayName ?? "", communitySlug: ref.community.slug },
    polls: meeting.polls.map((p) => ({ id: p.id, agendaItemId: p.agendaItemId, question: p.question, result: parsePollResult(p.result) })),
    roll,
    issues,
    candidates: [...candidates.values()],
    units,
  };
}
