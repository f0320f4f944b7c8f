import type { Db, Tx } from "../../infra/db.server";
import { audit } from "../audit.server";
import { DEFAULT_ACCEPTANCE_WINDOW_DAYS, acceptanceDeadline } from "./acceptance";
import type { Clock } from "../../infra/clock";
import { DAY, HOUR } from "../../infra/clock";
import { conflict, forbidden, invalid, notFound } from "../errors";
import type { Actor } from "../permissions";
import { requirePermission } from "../permissions";
import type { IssueTransition, TransitionInput } from "./state-machine";
import { TRANSITIONS, TRIAGE_MOVES, checkTransition } from "./state-machine";
import type { IssueStatus } from "./statuses";
import { ISSUE_STATUSES } from "./statuses";
import { conflictOnContention } from "./write-conflict";
import { acknowledgeDueAfterEscalation, firstActionDueAfterTriage } from "../service-levels/levels";
import { closuresOf } from "../service-levels/levels.server";

export const ACCEPTANCE_WINDOW_DAYS = DEFAULT_ACCEPTANCE_WINDOW_DAYS;

export interface TransitionRequest {
  issueId: string;
  transition: IssueTransition;
  input?: TransitionInput;
  /** The version the person was looking at; omitted for moves the application makes on its own. */
  expectedVersion?: number;
  /** For moves made in a meeting (put on agenda, decide): its host may make them there ("own-meeting"). */
  hostId?: string | null;
}

function asStatus(value: string): IssueStatus {
  if (!(ISSUE_STATUSES as readonly string[]).includes(value)) throw new Error(`unknown issue status ${value}`);
  return value as IssueStatus;
}

/**
 * Moves an issue, or refuses with a translated reason. The write is a check-and-set on (id, version) in one
 * transaction together with its timeline event and audit row, so of two concurrent moves exactly one wins.
 * Pass an open transaction as `db` to make the move part of a larger change.
 */
export async function transitionIssue(
  db: Db | Tx,
  clock: Clock,
  actor: Actor | "system",
  request: TransitionRequest,
): Promise<{ status: IssueStatus; version: number }> {
  const issue = await db.issue.findUnique({
    where: { id: request.issueId },
    select: {
      id: true,
      status: true,
      version: true,
      communityId: true,
      escalatedToId: true,
      acknowledgedAt: true,
      triagedAt: true,
      createdAt: true,
      levelUnit: true,
      levelAcknowledge: true,
      levelFirstAction: true,
      community: { select: { streetId: true } },
    },
  });
  if (!issue) throw notFound("issues:errors.not_found");
  const rule = TRANSITIONS[request.transition];
  const resource = {
    communityId: issue.communityId,
    streetId: issue.community.streetId,
    unitId: issue.escalatedToId,
    hostId: request.hostId,
  };

  if (rule.permission === "system") {
    if (actor !== "system") throw forbidden();
  } else if (actor !== "system") {
    requirePermission(actor, rule.permission, resource);
  }

  const from = asStatus(issue.status);
  if (request.expectedVersion !== undefined && request.expectedVersion !== issue.version) {
    throw conflict("issues:errors.changed_meanwhile");
  }
  const input = request.input ?? {};
  const check = checkTransition(from, request.transition, input);
  if (!check.ok) throw invalid(check.reason, { field: check.field ?? "", from, transition: request.transition });

  const now = clock.now();
  const data: Record<string, unknown> = {};
  switch (request.transition) {
    case "reject":
      data.rejectReason = input.reason;
      break;
    case "merge": {
      if (input.targetIssueId === issue.id) throw invalid("issues:errors.merge_into_itself");
      const target = await db.issue.findUnique({ where: { id: input.targetIssueId }, select: { communityId: true, status: true } });
      if (!target || target.communityId !== issue.communityId || target.status === "merged")
        throw invalid("issues:errors.merge_target_invalid");
      data.mergedIntoId = input.targetIssueId;
      break;
    }
    case "escalate": {
      const unit = await db.unit.findUnique({ where: { id: input.unitId }, select: { kind: true, streetId: true } });
      if (!unit || unit.kind !== "department" || unit.streetId !== issue.community.streetId)
        throw invalid("issues:errors.escalate_to_department");
      if (!input.dueAt || input.dueAt.getTime() <= now.getTime()) throw invalid("issues:errors.deadline_in_past");
      data.escalatedToId = input.unitId;
      data.escalationDueAt = input.dueAt;
      data.acknowledgedAt = null;
      // The service level recorded on the issue starts the department's report-for-duty clock.
      data.acknowledgeDueAt = acknowledgeDueAfterEscalation(issue, now, await closuresOf(db, issue.communityId, now));
      break;
    }
    case "acknowledge":
      if (issue.acknowledgedAt) throw conflict("issues:errors.already_acknowledged");
      data.acknowledgedAt = now;
      break;
    case "resolve_directly":
    case "confirm_fixed":
      data.resolvedAt = now;
      data.resolutionDays = (now.getTime() - issue.createdAt.getTime()) / DAY;
      break;
    case "request_acceptance":
      data.acceptanceDueAt = acceptanceDeadline(now, ACCEPTANCE_WINDOW_DAYS);
      break;
    case "reopen":
      data.reopenCount = { increment: 1 };
      data.acceptanceDueAt = null;
      data.resolvedAt = null;
      data.resolutionDays = null;
      break;
    case "auto_close":
      data.closedAt = now;
      break;
  }
  // The community's first answer to a new issue stops its response clock (the response rate's moment).
  if (!issue.triagedAt && (TRIAGE_MOVES as readonly string[]).includes(request.transition)) {
    data.triagedAt = now;
    data.responseHours = (now.getTime() - issue.createdAt.getTime()) / HOUR;
    // Triage that keeps the issue open starts the first-action clock from the level recorded on the issue.
    if (issue.levelFirstAction !== null)
      data.firstActionDueAt = firstActionDueAfterTriage(issue, request.transition, now, await closuresOf(db, issue.communityId, now));
  }
  const to = check.to ?? from;

  const write = async (tx: Tx | Db) => {
    const updated = await conflictOnContention(
      tx.issue.updateMany({
        where: { id: issue.id, version: issue.version, status: issue.status },
        data: { ...data, status: to, version: { increment: 1 } },
      }),
    );
    if (updated.count !== 1) throw conflict("issues:errors.changed_meanwhile");
    const actorId = actor === "system" ? null : actor.id;
    const eventData: Record<string, string | number> = { ...input.eventData };
    if (input.unitId) eventData.unitId = input.unitId;
    if (input.targetIssueId) eventData.targetIssueId = input.targetIssueId;
    if (input.dueAt) eventData.dueAt = input.dueAt.toISOString();
    await tx.issueEvent.create({
      data: {
        issueId: issue.id,
        actorId,
        type: request.transition,
        fromStatus: from,
        toStatus: to,
        note: input.reason ?? input.note ?? null,
        data: Object.keys(eventData).length ? JSON.stringify(eventData) : null,
        isPublic: true,
        createdAt: now,
      },
    });
    await audit(tx, {
      actorId,
      communityId: issue.communityId,
      action: `issue.${request.transition}`,
      entityType: "Issue",
      entityId: issue.id,
      data: { from, to, ...eventData, ...(input.reason ? { reason: input.reason } : {}), ...(input.note ? { note: input.note } : {}) },
      at: now,
    });
  };

  if ("$transaction" in db) await conflictOnContention((db as Db).$transaction(write));
  else await write(db);
  return { status: to, version: issue.version + 1 };
}
