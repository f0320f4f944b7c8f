import type { Clock } from "../../infra/clock";
import type { Db, Tx } from "../../infra/db.server";
import { audit } from "../audit.server";
import { conflict, invalid, notFound } from "../errors";
import { transitionIssue } from "../issues/transition.server";
import { notify } from "../notifications/notify.server";
import type { Actor } from "../permissions";
import { requirePermission } from "../permissions";
import type { OnBehalf } from "../assisted/consent";
import { assistedColumns, requireAssistedResident, tellResident } from "../assisted/assisted.server";
import { workGateOfIssue } from "./work-gate.server";
import { DEFAULT_NOTICE_DAYS, MAX_NOTICE_DAYS, MIN_NOTICE_DAYS, isDueForFinal, isPublicTo, noticeEnd, objectionsOpen } from "./notice";

/**
 * Decisions after the meeting: publishing starts the public notice, residents object within it, staff answer
 * each objection in public, and when the window has passed and every objection is answered the decision is
 * final and its tracker issue moves on to the work.
 */
async function decisionContext(db: Db | Tx, decisionId: string) {
  const decision = await db.decision.findUnique({
    where: { id: decisionId },
    include: {
      meeting: {
        select: { id: true, hostId: true, communityId: true, title: true, community: { select: { streetId: true, slug: true } } },
      },
      issue: { select: { id: true, communityId: true, community: { select: { streetId: true, slug: true } } } },
    },
  });
  if (!decision) throw notFound("minutes:errors.decision_not_found");
  const place = decision.meeting ?? decision.issue;
  if (!place) throw notFound("minutes:errors.decision_not_found");
  const resource = { communityId: place.communityId, streetId: place.community.streetId, hostId: decision.meeting?.hostId ?? null };
  return { decision, resource, communitySlug: place.community.slug };
}

/** One notification per event and person: publishing a decision, answering an objection. */
const decisionPublishedKey = (decisionId: string) => `decision_published:decision:${decisionId}`;
const objectionAnsweredKey = (objectionId: string) => `objection_answered:objection:${objectionId}`;

/** A notification names the decision by its opening words. */
function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
}

export function decisionLink(communitySlug: string, decisionId: string): string {
  return `/c/${communitySlug}/decisions/${decisionId}`;
}

/**
 * Publishing inside a caller's transaction (minutes publishing publishes the meeting's decisions with it).
 * Returns who was notified.
 */
export async function publishDecisionInTx(
  tx: Tx,
  clock: Clock,
  actor: Actor,
  decisionId: string,
  noticeDays: number | undefined,
): Promise<string[]> {
  const { decision, resource, communitySlug } = await decisionContext(tx, decisionId);
  requirePermission(actor, "publish:minutes", resource);
  if (decision.status !== "draft") return [];
  const days = noticeDays ?? DEFAULT_NOTICE_DAYS;
  if (!Number.isInteger(days) || days < MIN_NOTICE_DAYS || days > MAX_NOTICE_DAYS)
    throw invalid("minutes:errors.notice_days_range", { min: MIN_NOTICE_DAYS, max: MAX_NOTICE_DAYS });
  const now = clock.now();
  const updated = await tx.decision.updateMany({
    where: { id: decision.id, status: "draft" },
    data: { status: "notice", noticeStartsAt: now, noticeEndsAt: noticeEnd(now, days) },
  });
  if (updated.count !== 1) return [];
  const recipients = new Set<string>();
  if (decision.meetingId) {
    for (const p of await tx.participant.findMany({
      where: { meetingId: decision.meetingId, userId: { not: null } },
      select: { userId: true },
    }))
      if (p.userId) recipients.add(p.userId);
  }
  if (decision.issueId) {
    for (const f of await tx.issueFollower.findMany({ where: { issueId: decision.issueId }, select: { userId: true } }))
      recipients.add(f.userId);
    const issue = await tx.issue.findUnique({ where: { id: decision.issueId }, select: { reporterId: true } });
    if (issue) recipients.add(issue.reporterId);
  }
  recipients.delete(actor.id);
  const notified = await notify(
    tx,
    recipients,
    {
      type: "decision_published",
      dedupeKey: decisionPublishedKey(decision.id),
      data: {
        decisionId: decision.id,
        decision: excerpt(decision.text),
        meeting: decision.meeting?.title ?? "",
        days,
        endsAt: noticeEnd(now, days).toISOString(),
      },
      link: decisionLink(communitySlug, decision.id),
    },
    now,
  );
  await audit(tx, {
    actorId: actor.id,
    communityId: resource.communityId,
    action: "decision.published",
    entityType: "Decision",
    entityId: decision.id,
    data: { noticeDays: days },
    at: now,
  });
  return notified;
}

/**
 * Publishes one decision, returning it and who was notified. Publishing again changes nothing (the first
 * window stands).
 */
export async function publishDecision(db: Db, clock: Clock, actor: Actor, request: { decisionId: string; noticeDays?: number }) {
  const notified = await db.$transaction((tx) => publishDecisionInTx(tx, clock, actor, request.decisionId, request.noticeDays));
  return { ...(await db.decision.findUniqueOrThrow({ where: { id: request.decisionId } })), notified };
}

/**
 * A resident's objection during the notice. A decision still being drafted is not public, so there is
 * nothing to object to; given the community of the page it was filed on, neither is another community's.
 * With `onBehalf`, a grid worker or staff member lodges it for a resident without a phone (代办): the
 * resident is the author (and is told the answer), the helper and how consent was given are kept with it.
 */
export async function fileObjection(
  db: Db,
  clock: Clock,
  actor: Actor,
  request: { decisionId: string; reason: string; communitySlug?: string; onBehalf?: OnBehalf },
) {
  const { decision, resource, communitySlug } = await decisionContext(db, request.decisionId);
  const elsewhere = request.communitySlug !== undefined && request.communitySlug !== communitySlug;
  if (elsewhere || !isPublicTo(actor, decision, resource)) throw notFound("minutes:errors.decision_not_found");
  const onBehalf = request.onBehalf;
  const resident = onBehalf
    ? await requireAssistedResident(db, actor, { id: resource.communityId, streetId: resource.streetId }, onBehalf.residentId)
    : null;
  if (!resident) requirePermission(actor, "file:objection", resource);
  const now = clock.now();
  if (!objectionsOpen(decision, now)) throw invalid("minutes:errors.objection_window_closed");
  return db.$transaction(async (tx) => {
    const objection = await tx.objection.create({
      data: {
        decisionId: decision.id,
        authorId: resident?.id ?? actor.id,
        reason: request.reason,
        ...assistedColumns(actor, onBehalf),
        createdAt: now,
      },
    });
    await audit(tx, {
      actorId: actor.id,
      communityId: resource.communityId,
      action: onBehalf ? "objection.filed_assisted" : "objection.filed",
      entityType: "Objection",
      entityId: objection.id,
      data: onBehalf
        ? { decisionId: decision.id, onBehalfOf: objection.authorId, consent: onBehalf.consentMethod }
        : { decisionId: decision.id },
      at: now,
    });
    const notified = onBehalf
      ? await tellResident(
          tx,
          actor,
          objection.authorId,
          {
            type: "assisted_objection_filed",
            key: objection.id,
            data: { decision: excerpt(decision.text) },
            link: `${decisionLink(communitySlug, decision.id)}#objections`,
          },
          now,
        )
      : [];
    return { ...objection, notified };
  });
}

/**
 * Staff answer an objection in public; the objector is notified. Given the decision the page is about, an
 * objection to another decision is not found. Returns who was notified.
 */
export async function answerObjection(
  db: Db,
  clock: Clock,
  actor: Actor,
  request: { objectionId: string; answer: string; decisionId?: string },
): Promise<{ notified: string[] }> {
  const objection = await db.objection.findUnique({ where: { id: request.objectionId } });
  if (!objection || (request.decisionId !== undefined && objection.decisionId !== request.decisionId))
    throw notFound("minutes:errors.objection_not_found");
  const { decision, resource, communitySlug } = await decisionContext(db, objection.decisionId);
  requirePermission(actor, "answer:objection", resource);
  const now = clock.now();
  const notified = await db.$transaction(async (tx) => {
    const updated = await tx.objection.updateMany({
      where: { id: objection.id, answeredAt: null },
      data: { answer: request.answer, answeredById: actor.id, answeredAt: now },
    });
    if (updated.count !== 1) throw conflict("minutes:errors.already_answered");
    const told = await notify(
      tx,
      [objection.authorId],
      {
        type: "objection_answered",
        dedupeKey: objectionAnsweredKey(objection.id),
        data: { decisionId: decision.id, decision: excerpt(decision.text) },
        link: `${decisionLink(communitySlug, decision.id)}#objections`,
      },
      now,
    );
    await audit(tx, {
      actorId: actor.id,
      communityId: resource.communityId,
      action: "objection.answered",
      entityType: "Objection",
      entityId: objection.id,
      data: { decisionId: decision.id },
      at: now,
    });
    return told;
  });
  // The last answer after the window closes is what makes the decision final.
  await finalizeIfDue(db, clock, decision.id);
  return { notified };
}

/** Makes one decision final if it is due; returns whether it did. Safe to call from many places at once. */
export async function finalizeIfDue(db: Db, clock: Clock, decisionId: string): Promise<boolean> {
  const now = clock.now();
  return db.$transaction(async (tx) => {
    const decision = await tx.decision.findUnique({
      where: { id: decisionId },
      select: { id: true, status: true, noticeEndsAt: true, issueId: true, meeting: { select: { communityId: true } } },
    });
    if (!decision) return false;
    const unanswered = await tx.objection.count({ where: { decisionId, answeredAt: null } });
    if (!isDueForFinal(decision, unanswered, now)) return false;
    const updated = await tx.decision.updateMany({ where: { id: decisionId, status: "notice" }, data: { status: "final", finalAt: now } });
    if (updated.count !== 1) return false;
    await audit(tx, {
      actorId: null,
      communityId: decision.meeting?.communityId ?? null,
      action: "decision.final",
      entityType: "Decision",
      entityId: decisionId,
      at: now,
    });
    if (decision.issueId) {
      const issue = await tx.issue.findUnique({ where: { id: decision.issueId }, select: { status: true } });
      // Work starts only when no other decision on the issue is still on notice (ADR 0011).
      if (issue?.status === "decided" && (await workGateOfIssue(tx, decision.issueId, now)).open) {
        await transitionIssue(tx, clock, "system", { issueId: decision.issueId, transition: "start_work" });
      }
    }
    return true;
  });
}

/** The sweep (run by the job runner): every decision whose notice is over and fully answered becomes final. */
export async function finalizeDueDecisions(db: Db, clock: Clock): Promise<number> {
  const due = await db.decision.findMany({ where: { status: "notice", noticeEndsAt: { lte: clock.now() } }, select: { id: true } });
  let finalized = 0;
  for (const { id } of due) if (await finalizeIfDue(db, clock, id)) finalized++;
  return finalized;
}
