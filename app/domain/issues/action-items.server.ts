import type { Db, Tx } from "../../infra/db.server";
import { audit } from "../audit.server";
import type { Clock } from "../../infra/clock";
import { invalid, notFound } from "../errors";
import { notify } from "../notifications/notify.server";
import type { Actor } from "../permissions";
import { requirePermission } from "../permissions";
import { workGateOfIssue } from "../decisions/work-gate.server";
import { issuePath } from "./links";
import { isWorkableStatus } from "./statuses";
import { unitRepIds } from "./recipients.server";
import { transitionIssue } from "./transition.server";

export interface NewActionItem {
  issueId: string;
  unitId: string;
  description: string;
  dueAt: Date;
  /** Set when the item was agreed in a council meeting's decision. */
  decisionId?: string;
  /** The meeting's host, so a host may create items agreed in the meeting they run. */
  hostId?: string | null;
}

/**
 * Gives an issue an action item for a unit, inside the caller's transaction (a staff member on the issue
 * page, or a decision recorded in a meeting). Writes the timeline and audit rows, starts the work on the
 * issue if needed, and tells the unit's representatives once.
 */
export async function createActionItem(
  db: Db | Tx,
  clock: Clock,
  actor: Actor,
  input: NewActionItem,
): Promise<{ actionItemId: string; notified: string[] }> {
  const issue = await db.issue.findUnique({
    where: { id: input.issueId },
    select: { id: true, number: true, title: true, status: true, communityId: true, community: { select: { slug: true, streetId: true } } },
  });
  if (!issue) throw notFound("issues:errors.not_found");
  requirePermission(actor, "create:action-item", {
    communityId: issue.communityId,
    streetId: issue.community.streetId,
    hostId: input.hostId ?? null,
  });
  if (!isWorkableStatus(issue.status)) throw invalid("issues:errors.not_workable");
  const unit = await db.unit.findUnique({ where: { id: input.unitId }, select: { id: true, streetId: true } });
  if (!unit || unit.streetId !== issue.community.streetId) throw invalid("issues:errors.unit_required");
  const now = clock.now();
  if (input.dueAt.getTime() <= now.getTime()) throw invalid("issues:errors.deadline_in_past");

  const item = await db.actionItem.create({
    data: {
      issueId: issue.id,
      unitId: unit.id,
      description: input.description,
      dueAt: input.dueAt,
      createdById: actor.id,
      decisionId: input.decisionId ?? null,
      createdAt: now,
    },
    select: { id: true },
  });
  await db.issueEvent.create({
    data: {
      issueId: issue.id,
      actorId: actor.id,
      type: "action_item_added",
      note: input.description,
      data: JSON.stringify({ actionItemId: item.id, unitId: unit.id, dueAt: input.dueAt.toISOString() }),
      isPublic: true,
      createdAt: now,
    },
  });
  await audit(db, {
    actorId: actor.id,
    communityId: issue.communityId,
    action: "action_item.create",
    entityType: "ActionItem",
    entityId: item.id,
    data: { issueId: issue.id, unitId: unit.id, dueAt: input.dueAt.toISOString(), decisionId: input.decisionId ?? null },
    at: now,
  });
  // Permission for the move was checked above (create:action-item); the move itself is the application's.
  // While a decision on the issue is on public notice the item is recorded but work does not start: the
  // issue moves on when the decision becomes final (ADR 0011, finalizeIfDue).
  const gate = await workGateOfIssue(db, issue.id, now);
  if (issue.status !== "in_progress" && gate.open)
    await transitionIssue(db, clock, "system", { issueId: issue.id, transition: "start_work" });
  const notified = await notify(
    db,
    await unitRepIds(db, unit.id),
    {
      type: "assigned_to_unit",
      dedupeKey: `assigned:${item.id}`,
      data: { number: issue.number, title: issue.title, dueAt: input.dueAt.toISOString(), description: input.description },
      link: issuePath(issue.community.slug, issue.number),
    },
    now,
  );
  return { actionItemId: item.id, notified };
}
