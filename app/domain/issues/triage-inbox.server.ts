import type { Db } from "../../infra/db.server";
import { isEscalationOverdue } from "./deadlines";
import { AWAITING_TRIAGE_STATUSES } from "./state-machine";

/** Community staff's inbox: what waits for a decision, and what is late. */
export async function triageInbox(db: Db, communityId: string, now: Date) {
  const issueSelect = {
    id: true,
    number: true,
    title: true,
    status: true,
    urgency: true,
    createdAt: true,
    meTooCount: true,
    category: { select: { nameZh: true, nameEn: true } },
    grid: { select: { code: true } },
  } as const;
  const [waiting, escalations, lateItems] = await Promise.all([
    db.issue.findMany({
      where: { communityId, status: { in: [...AWAITING_TRIAGE_STATUSES] } },
      select: issueSelect,
      orderBy: { createdAt: "asc" },
      take: 200,
    }),
    db.issue.findMany({
      where: { communityId, status: "escalated", acknowledgedAt: null },
      select: { ...issueSelect, escalationDueAt: true, acknowledgedAt: true, escalatedTo: { select: { nameZh: true, nameEn: true } } },
      orderBy: { escalationDueAt: "asc" },
      take: 200,
    }),
    db.actionItem.findMany({
      where: { issue: { communityId }, status: { not: "done" }, dueAt: { lt: now } },
      select: {
        id: true,
        description: true,
        dueAt: true,
        unit: { select: { nameZh: true, nameEn: true } },
        issue: { select: { number: true, title: true } },
      },
      orderBy: { dueAt: "asc" },
      take: 200,
    }),
  ]);
  return {
    waiting,
    escalations: escalations.map((issue) => ({ ...issue, overdue: isEscalationOverdue(issue, now) })),
    lateItems,
  };
}
