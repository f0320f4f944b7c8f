import type { Db } from "../../infra/db.server";
import type { DecisionInput } from "../../schemas/meetings";
import { audit } from "../audit.server";
import type { Clock } from "../../infra/clock";
import { conflict, invalid, notFound } from "../errors";
import { createActionItem } from "../issues/action-items.server";
import { transitionIssue } from "../issues/transition.server";
import type { Actor } from "../permissions";
import type { PollResult } from "../voting/result";
import { parsePollResult } from "../voting/result";
import { authorizeMeeting, meetingResource } from "./access.server";

/** One line with the vote, readable in both languages (issue timelines show notes as written). */
/** Units that can own an action item agreed in this community's meeting (the decision form's choices). */
export async function unitsForActionItems(db: Db, community: { id: string; streetId: string }) {
  return db.unit.findMany({
    where: { streetId: community.streetId, OR: [{ communityId: community.id }, { communityId: null }] },
    orderBy: [{ kind: "asc" }, { nameZh: "asc" }],
    select: { id: true, nameZh: true, nameEn: true },
  });
}

/**
 * Records the decision on an agenda item after its poll (status "draft": recorded in the meeting, not yet
 * published; publishing and the public notice belong to the minutes). In the same transaction the tracker
 * issue moves to "decided" and the action items agreed in the room are created for their owner units.
 */
export async function recordDecision(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: DecisionInput,
): Promise<{ decisionId: string; issueId: string | null; notified: string[] }> {
  const meeting = await authorizeMeeting(db, actor, "record:decision", input.meetingId);
  const item = await db.agendaItem.findFirst({
    where: { id: input.agendaItemId, meetingId: meeting.id },
    select: { id: true, issueId: true, issue: { select: { status: true } }, _count: { select: { decisions: true } } },
  });
  if (!item) throw notFound("meetings:errors.agendaItemNotFound");
  if (item._count.decisions > 0) throw conflict("meetings:errors.decisionExists");
  let result: PollResult | null = null;
  if (input.pollId) {
    const poll = await db.poll.findFirst({
      where: { id: input.pollId, meetingId: meeting.id },
      select: { status: true, agendaItemId: true, result: true },
    });
    if (!poll) throw notFound("meetings:errors.pollNotFound");
    if (poll.status !== "closed") throw conflict("meetings:errors.decideAfterClose");
    if (poll.agendaItemId && poll.agendaItemId !== item.id) throw invalid("meetings:errors.pollOfAnotherItem");
    result = parsePollResult(poll.result);
  }
  if (input.actionItems.length > 0 && !item.issueId) throw invalid("meetings:errors.actionItemsNeedIssue");
  const now = clock.now();
  for (const a of input.actionItems) if (a.dueAt.getTime() <= now.getTime()) throw invalid("meetings:errors.dueInPast");
  const units = input.actionItems.length
    ? await db.unit.findMany({
        where: { id: { in: input.actionItems.map((a) => a.unitId) }, streetId: meeting.community.streetId },
        select: { id: true },
      })
    : [];
  if (units.length !== new Set(input.actionItems.map((a) => a.unitId)).size) throw invalid("meetings:errors.unitNotFound");

  const hostId = meetingResource(meeting).hostId ?? meeting.hostId;

  const notified: string[] = [];
  const decision = await db.$transaction(async (tx) => {
    const decision = await tx.decision.create({
      data: {
        meetingId: meeting.id,
        agendaItemId: item.id,
        issueId: item.issueId,
        pollId: input.pollId ?? null,
        text: input.text,
        status: "draft",
        createdById: actor.id,
        createdAt: now,
      },
      select: { id: true },
    });
    if (item.issueId && item.issue?.status === "on_agenda") {
      // The issue's timeline carries the decision's words as written and the ids of the decision, meeting and
      // poll: the page links to them and states the vote in the reader's language (no text stored twice).
      const eventData: Record<string, string> = { decisionId: decision.id, meetingId: meeting.id };
      if (input.pollId && result) eventData.pollId = input.pollId;
      await transitionIssue(tx, clock, actor, {
        issueId: item.issueId,
        transition: "decide",
        input: { note: input.text, eventData },
        hostId,
      });
    }
    for (const a of input.actionItems) {
      const created = await createActionItem(tx, clock, actor, {
        issueId: item.issueId as string,
        unitId: a.unitId,
        description: a.description,
        dueAt: a.dueAt,
        decisionId: decision.id,
        hostId,
      });
      notified.push(...created.notified);
    }
    await audit(tx, {
      actorId: actor.id,
      communityId: meeting.communityId,
      action: "decision.record",
      entityType: "Decision",
      entityId: decision.id,
      data: {
        meetingId: meeting.id,
        agendaItemId: item.id,
        pollId: input.pollId ?? null,
        issueId: item.issueId,
        actionItems: input.actionItems.length,
      },
      at: now,
    });
    return decision;
  });
  return { decisionId: decision.id, issueId: item.issueId, notified: [...new Set(notified)] };
}
