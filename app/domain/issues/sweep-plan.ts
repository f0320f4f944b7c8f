import { shouldAutoClose } from "./acceptance";
import { dueDayOf, isActionItemOverdue, isEscalationOverdue } from "./deadlines";

/**
 * What the periodic tracker sweep must do at `now`: close issues whose acceptance window ended, and which
 * deadline reminders are due. Pure, so a fake clock can walk it through a week in a test; the dedupe keys
 * make running it twice (or in two processes) harmless.
 */
export interface SweepSnapshot {
  awaitingAcceptance: { id: string; status: string; acceptanceDueAt: Date | null }[];
  escalations: { id: string; status: string; escalatedToId: string | null; escalationDueAt: Date | null; acknowledgedAt: Date | null }[];
  actionItems: { id: string; issueId: string; unitId: string; status: string; dueAt: Date }[];
}

export interface Reminder {
  kind: "deadline_today" | "deadline_tomorrow" | "overdue";
  subject: "escalation" | "action_item";
  id: string;
  issueId: string;
  unitId: string;
  dueAt: Date;
  dedupeKey: string;
}

export interface SweepPlan {
  autoClose: string[];
  reminders: Reminder[];
}

export function planSweep(snapshot: SweepSnapshot, now: Date): SweepPlan {
  const autoClose = snapshot.awaitingAcceptance.filter((issue) => shouldAutoClose(issue, now)).map((issue) => issue.id);
  const reminders: Reminder[] = [];
  for (const issue of snapshot.escalations) {
    if (issue.status !== "escalated" || !issue.escalatedToId || !issue.escalationDueAt || issue.acknowledgedAt) continue;
    const base = {
      subject: "escalation" as const,
      id: issue.id,
      issueId: issue.id,
      unitId: issue.escalatedToId,
      dueAt: issue.escalationDueAt,
    };
    // The due date is part of the key: a new escalation with a new deadline reminds again.
    const stamp = issue.escalationDueAt.toISOString();
    if (isEscalationOverdue(issue, now)) reminders.push({ ...base, kind: "overdue", dedupeKey: `overdue:escalation:${issue.id}:${stamp}` });
    else {
      const kind = upcomingKind(issue.escalationDueAt, now);
      if (kind) reminders.push({ ...base, kind, dedupeKey: `${kind}:escalation:${issue.id}:${stamp}` });
    }
  }
  for (const item of snapshot.actionItems) {
    if (item.status === "done") continue;
    const base = { subject: "action_item" as const, id: item.id, issueId: item.issueId, unitId: item.unitId, dueAt: item.dueAt };
    if (isActionItemOverdue(item, now)) reminders.push({ ...base, kind: "overdue", dedupeKey: `overdue:action_item:${item.id}` });
    else {
      const kind = upcomingKind(item.dueAt, now);
      if (kind) reminders.push({ ...base, kind, dedupeKey: `${kind}:action_item:${item.id}` });
    }
  }
  return { autoClose, reminders };
}

function upcomingKind(dueAt: Date, now: Date): "deadline_today" | "deadline_tomorrow" | null {
  const day = dueDayOf(dueAt, now);
  return day === "today" ? "deadline_today" : day === "tomorrow" ? "deadline_tomorrow" : null;
}
