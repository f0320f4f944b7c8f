import { DAY } from "../../infra/clock";
import { chinaDateString } from "../../infra/time";
import type { ClockFacts } from "../service-levels/levels";
import { isLevelOverdue } from "../service-levels/levels";

/**
 * When something the community owes residents is late. Pure, so the same answer is given on every page,
 * in the CSV, in the sweep that sends reminders, and in tests that move a fake clock.
 */
export interface EscalationFacts {
  status: string;
  escalationDueAt: Date | null;
  acknowledgedAt: Date | null;
}

export interface ActionItemFacts {
  status: string;
  dueAt: Date;
}

/** An escalated department has not reported for duty yet (flagged red even before the deadline). */
export function isAwaitingAcknowledgement(issue: EscalationFacts): boolean {
  return issue.status === "escalated" && issue.escalationDueAt !== null && issue.acknowledgedAt === null;
}

export function isEscalationOverdue(issue: EscalationFacts, now: Date): boolean {
  return isAwaitingAcknowledgement(issue) && (issue.escalationDueAt as Date).getTime() < now.getTime();
}

export function isActionItemOverdue(item: ActionItemFacts, now: Date): boolean {
  return item.status !== "done" && item.dueAt.getTime() < now.getTime();
}

/** Due within the next 24 hours and not yet late: the "deadline tomorrow" reminder. */
export function isDueWithinADay(dueAt: Date, now: Date): boolean {
  const left = dueAt.getTime() - now.getTime();
  return left >= 0 && left <= DAY;
}

/**
 * Which reminder a deadline that is not yet late earns, by the calendar in China rather than by 24 hours:
 * "today" for something due tonight (telling a department "tomorrow" then would make it late), "tomorrow"
 * for something due on the next calendar day, nothing otherwise.
 */
export function dueDayOf(dueAt: Date, now: Date): "today" | "tomorrow" | null {
  if (dueAt.getTime() < now.getTime()) return null;
  const due = chinaDateString(dueAt);
  if (due === chinaDateString(now)) return "today";
  if (due === chinaDateString(new Date(now.getTime() + DAY))) return "tomorrow";
  return null;
}

export interface IssueDeadlineFacts extends EscalationFacts, Partial<Omit<ClockFacts, "status" | "acknowledgedAt">> {
  actionItems: readonly ActionItemFacts[];
}

export type IssueFlag = "overdue" | "awaiting_acknowledgement";

/** The red flags an issue carries right now: late escalation or action item, or a department yet to report. */
export function issueFlags(issue: IssueDeadlineFacts, now: Date): IssueFlag[] {
  const flags: IssueFlag[] = [];
  const levelLate =
    issue.levelUnit !== undefined &&
    isLevelOverdue(
      {
        status: issue.status,
        levelUnit: issue.levelUnit ?? null,
        triageDueAt: issue.triageDueAt ?? null,
        triagedAt: issue.triagedAt ?? null,
        resolutionDueAt: issue.resolutionDueAt ?? null,
        acknowledgeDueAt: issue.acknowledgeDueAt ?? null,
        acknowledgedAt: issue.acknowledgedAt,
        firstActionDueAt: issue.firstActionDueAt ?? null,
        firstActionAt: issue.firstActionAt ?? null,
      },
      now,
    );
  if (levelLate || isEscalationOverdue(issue, now) || issue.actionItems.some((item) => isActionItemOverdue(item, now)))
    flags.push("overdue");
  if (isAwaitingAcknowledgement(issue)) flags.push("awaiting_acknowledgement");
  return flags;
}
