import type { Db } from "../../infra/db.server";
import type { Clock } from "../../infra/clock";
import { parsePollResult } from "../voting/result";
import { finalizeIfDue } from "./decisions.server";
import { noticeStateOf } from "./notice";

/**
 * A decision as the public page and the staff page show it. Reading it first finalizes it if its notice is
 * over and answered (so a page never shows a stale "on notice" between two sweeps).
 */
export async function loadDecisionPage(db: Db, clock: Clock, decisionId: string) {
  await finalizeIfDue(db, clock, decisionId);
  const decision = await db.decision.findUnique({
    where: { id: decisionId },
    include: {
      meeting: {
        select: {
          id: true,
          title: true,
          startsAt: true,
          place: true,
          communityId: true,
          hostId: true,
          community: { select: { slug: true, streetId: true } },
        },
      },
      issue: {
        select: {
          id: true,
          number: true,
          title: true,
          status: true,
          communityId: true,
          community: { select: { slug: true, streetId: true } },
        },
      },
      poll: { select: { result: true, status: true } },
      agendaItem: { select: { title: true, opinions: { where: { hiddenAt: null }, orderBy: { createdAt: "asc" } } } },
      objections: { orderBy: { createdAt: "asc" } },
      actionItems: { include: { unit: { select: { nameZh: true, nameEn: true } } }, orderBy: { dueAt: "asc" } },
    },
  });
  if (!decision) return null;
  const place = decision.meeting ?? decision.issue;
  if (!place) return null;
  const now = clock.now();
  const unanswered = decision.objections.filter((o) => !o.answeredAt).length;
  const peopleIds = new Set<string>([
    ...(decision.agendaItem?.opinions.map((o) => o.expertId) ?? []),
    ...decision.objections.map((o) => o.authorId),
  ]);
  const people = new Map(
    (await db.user.findMany({ where: { id: { in: [...peopleIds] } }, select: { id: true, displayName: true } })).map((u) => [
      u.id,
      u.displayName,
    ]),
  );
  const minutes = decision.meeting
    ? await db.minutes.findUnique({ where: { meetingId: decision.meeting.id }, select: { status: true } })
    : null;
  const notice = noticeStateOf(decision, unanswered, now);
  return {
    id: decision.id,
    text: decision.text,
    status: decision.status,
    communityId: place.communityId,
    streetId: place.community.streetId,
    hostId: decision.meeting?.hostId ?? null,
    communitySlug: place.community.slug,
    noticeStartsAt: decision.noticeStartsAt?.toISOString() ?? null,
    noticeEndsAt: decision.noticeEndsAt?.toISOString() ?? null,
    finalAt: decision.finalAt?.toISOString() ?? null,
    notice: notice.phase,
    unanswered,
    objectionsOpen: notice.phase === "open",
    meeting: decision.meeting
      ? {
          id: decision.meeting.id,
          title: decision.meeting.title,
          startsAt: decision.meeting.startsAt.toISOString(),
          place: decision.meeting.place,
        }
      : null,
    minutesPublished: minutes?.status === "published",
    issue: decision.issue ? { number: decision.issue.number, title: decision.issue.title, status: decision.issue.status } : null,
    voteResult: decision.poll?.status === "closed" ? parsePollResult(decision.poll.result) : null,
    agendaItemTitle: decision.agendaItem?.title ?? null,
    opinions: (decision.agendaItem?.opinions ?? []).map((o) => ({
      id: o.id,
      expert: people.get(o.expertId) ?? "—",
      stance: o.stance,
      rationale: o.rationale,
      conflictOfInterest: o.conflictOfInterest,
    })),
    objections: decision.objections.map((o) => ({
      id: o.id,
      authorId: o.authorId,
      authorName: people.get(o.authorId) ?? "—",
      reason: o.reason,
      createdAt: o.createdAt.toISOString(),
      answer: o.answer,
      answeredAt: o.answeredAt?.toISOString() ?? null,
    })),
    actionItems: decision.actionItems.map((a) => ({
      id: a.id,
      description: a.description,
      dueAt: a.dueAt.toISOString(),
      unitZh: a.unit.nameZh,
      unitEn: a.unit.nameEn,
      status: a.status,
    })),
  };
}
export type DecisionPage = NonNullable<Awaited<ReturnType<typeof loadDecisionPage>>>;
