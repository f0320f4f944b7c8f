import type { Clock } from "../../infra/clock";
import type { Db } from "../../infra/db.server";
import { notFound } from "../errors";
import type { Actor } from "../permissions";
import { assistedNames } from "../assisted/assisted.server";
import { assistedView } from "../assisted/consent";
import { can, requirePermission } from "../permissions";
import { parsePollResult } from "../voting/result";
import { finalizeIfDue } from "./decisions.server";
import { DEFAULT_NOTICE_DAYS, MAX_NOTICE_DAYS, MIN_NOTICE_DAYS, isPublicTo, noticeStateOf } from "./notice";

/**
 * A decision as the public page and the staff page show it. Reading it first finalizes it if its notice is
 * over and answered (so a page never shows a stale "on notice" between two sweeps).
 */
async function decisionRecord(db: Db, clock: Clock, decisionId: string) {
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
  const place = decision?.meeting ?? decision?.issue;
  if (!decision || !place) throw notFound("minutes:errors.decision_not_found");
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
  const helpers = await assistedNames(
    db,
    place.communityId,
    decision.objections.map((o) => ({ actedById: o.actedById, authorId: o.authorId })),
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
      // Lodged for the author by a grid worker or staff (代办): who, and how the author consented.
      assisted: o.actedById
        ? {
            helperId: o.actedById,
            residentId: o.authorId,
            consentMethod: o.consentMethod,
            ...(helpers.get(`${o.actedById}:${o.authorId}`) ?? {
              helperName: "—",
              helperRole: "community_staff" as const,
              residentName: "—",
            }),
          }
        : null,
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
type DecisionRecord = Awaited<ReturnType<typeof decisionRecord>>;

const resourceOf = (decision: DecisionRecord) => ({
  communityId: decision.communityId,
  streetId: decision.streetId,
  hostId: decision.hostId,
});

/**
 * The public page of a decision in a community: what was decided, the vote, the experts' advice, the action
 * items and the objections with their public answers. Objectors are residents, not public figures: the page
 * shows what was said, not who said it (each viewer sees which objections are their own).
 */
export async function publicDecisionPage(db: Db, clock: Clock, viewer: Actor | null, communitySlug: string, decisionId: string) {
  const decision = await decisionRecord(db, clock, decisionId);
  const resource = resourceOf(decision);
  if (decision.communitySlug !== communitySlug || !isPublicTo(viewer, decision, resource))
    throw notFound("minutes:errors.decision_not_found");
  return {
    decision: {
      ...decision,
      objections: decision.objections.map(({ authorId, authorName: _authorName, assisted, ...rest }) => ({
        ...rest,
        mine: !!viewer && viewer.id === authorId,
        // The public page names nobody: only the resident and their helper see the names.
        assisted: assisted ? assistedView(assisted, viewer, false) : null,
      })),
    },
    signedIn: !!viewer,
    canObject: can(viewer, "file:objection", resource),
    isStaff: can(viewer, "answer:objection", resource),
  };
}

/** The staff page of a decision: publish it for notice, answer objections. For those who may do either. */
export async function staffDecisionPage(db: Db, clock: Clock, actor: Actor, decisionId: string) {
  const decision = await decisionRecord(db, clock, decisionId);
  const resource = resourceOf(decision);
  const rights = { publish: can(actor, "publish:minutes", resource), answer: can(actor, "answer:objection", resource) };
  if (!rights.publish) requirePermission(actor, "answer:objection", resource);
  return {
    decision: {
      ...decision,
      objections: decision.objections.map((o) => ({ ...o, assisted: o.assisted ? assistedView(o.assisted, actor, true) : null })),
    },
    rights,
    defaultDays: DEFAULT_NOTICE_DAYS,
    minDays: MIN_NOTICE_DAYS,
    maxDays: MAX_NOTICE_DAYS,
  };
}
