import type { Clock } from "../../infra/clock";
import type { Db } from "../../infra/db.server";
import { forbidden } from "../errors";
import { isActionItemOverdue, isEscalationOverdue } from "../issues/deadlines";
import type { Actor } from "../permissions";
import { representedUnitId } from "./representative";

/**
 * A unit representative's desk: the action items of their unit in this community and the escalations it
 * must report for. Only a representative of a unit has one.
 */
export async function unitDesk(db: Db, clock: Clock, actor: Actor, community: { id: string }) {
  const unitId = representedUnitId(actor, community.id);
  if (!unitId) throw forbidden();
  const now = clock.now();
  const [unit, items, escalations] = await Promise.all([
    db.unit.findUniqueOrThrow({ where: { id: unitId }, select: { nameZh: true, nameEn: true, kind: true } }),
    unitActionItems(db, unitId),
    unitEscalations(db, unitId),
  ]);
  return {
    unit,
    items: items.map((item) => ({ ...item, overdue: isActionItemOverdue(item, now) })),
    escalations: escalations.map((issue) => ({ ...issue, overdue: isEscalationOverdue(issue, now) })),
  };
}

/** A unit representative's action items, nearest deadline first, with their issue. */
async function unitActionItems(db: Db, unitId: string) {
  const items = await db.actionItem.findMany({
    where: { unitId },
    orderBy: { dueAt: "asc" },
    take: 200,
    select: {
      id: true,
      description: true,
      dueAt: true,
      status: true,
      percent: true,
      issue: {
        select: { id: true, number: true, title: true, status: true, community: { select: { slug: true, nameZh: true, nameEn: true } } },
      },
    },
  });
  // Work still to do first; finished items after, most recent first.
  const open = items.filter((item) => item.status !== "done");
  const done = items.filter((item) => item.status === "done").reverse();
  return [...open, ...done];
}

async function unitEscalations(db: Db, unitId: string) {
  return db.issue.findMany({
    where: { escalatedToId: unitId, status: "escalated" },
    orderBy: { escalationDueAt: "asc" },
    take: 100,
    select: {
      id: true,
      number: true,
      title: true,
      status: true,
      escalationDueAt: true,
      acknowledgedAt: true,
      community: { select: { slug: true } },
    },
  });
}
